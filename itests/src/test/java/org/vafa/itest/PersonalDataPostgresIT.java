package org.vafa.itest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;

/** {@link PersonalDataIT} with the server on PostgreSQL. */
class PersonalDataPostgresIT extends PersonalDataIT {
    private Postgres database;

    @Override
    Map<String, String> serverEnv() throws Exception {
        database = Postgres.freshDatabase("vafa_personal_it");
        return database.serverEnv();
    }

    @Override
    Connection database(VafaServer server) throws Exception {
        return DriverManager.getConnection(database.url, "postgres", "");
    }

    @Override
    void cleanUp() throws Exception {
        if (database != null) {
            database.close();
        }
    }
}
