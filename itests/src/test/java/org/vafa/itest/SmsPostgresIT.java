package org.vafa.itest;

import java.util.Map;

/** {@link SmsIT} with the server on PostgreSQL. */
class SmsPostgresIT extends SmsIT {
    private Postgres database;

    @Override
    Map<String, String> serverEnv() throws Exception {
        database = Postgres.freshDatabase("vafa_sms_it");
        return database.serverEnv();
    }

    @Override
    void cleanUp() throws Exception {
        if (database != null) {
            database.close();
        }
    }
}
