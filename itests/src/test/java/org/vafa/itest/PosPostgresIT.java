package org.vafa.itest;

import java.util.Map;

/** {@link PosIT} with the server on PostgreSQL. */
class PosPostgresIT extends PosIT {
    private Postgres database;

    @Override
    Map<String, String> serverEnv() throws Exception {
        database = Postgres.freshDatabase("vafa_pos_it");
        return database.serverEnv();
    }

    @Override
    void cleanUp() throws Exception {
        if (database != null) {
            database.close();
        }
    }
}
