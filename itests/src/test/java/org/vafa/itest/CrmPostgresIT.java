package org.vafa.itest;

import java.util.Map;

/** {@link CrmIT} with the server on PostgreSQL. */
class CrmPostgresIT extends CrmIT {
    private Postgres database;

    @Override
    Map<String, String> serverEnv() throws Exception {
        database = Postgres.freshDatabase("vafa_crm_it");
        return database.serverEnv();
    }

    @Override
    void cleanUp() throws Exception {
        if (database != null) {
            database.close();
        }
    }
}
