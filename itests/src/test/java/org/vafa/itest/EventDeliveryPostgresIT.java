package org.vafa.itest;

import java.util.Map;

/** {@link EventDeliveryIT} with the server on PostgreSQL (a fresh database on 127.0.0.1:5432). */
class EventDeliveryPostgresIT extends EventDeliveryIT {
    private Postgres database;

    @Override
    Map<String, String> serverEnv() throws Exception {
        database = Postgres.freshDatabase("vafa_it");
        return database.serverEnv();
    }

    @Override
    void cleanUp() throws Exception {
        if (database != null) {
            database.close();
        }
    }
}
