package org.vafa.itest;

import java.util.Map;

/** {@link ClubLoyaltyIT} with the server on PostgreSQL. */
class ClubLoyaltyPostgresIT extends ClubLoyaltyIT {
    private Postgres database;

    @Override
    Map<String, String> serverEnv() throws Exception {
        database = Postgres.freshDatabase("vafa_club_loyalty_it");
        return database.serverEnv();
    }

    @Override
    void cleanUp() throws Exception {
        if (database != null) {
            database.close();
        }
    }
}
