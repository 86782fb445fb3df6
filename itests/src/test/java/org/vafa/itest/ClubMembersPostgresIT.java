package org.vafa.itest;

import java.util.Map;

/** {@link ClubMembersIT} with the server on PostgreSQL. */
class ClubMembersPostgresIT extends ClubMembersIT {
    private Postgres database;

    @Override
    Map<String, String> serverEnv() throws Exception {
        database = Postgres.freshDatabase("vafa_club_it");
        return database.serverEnv();
    }

    @Override
    void cleanUp() throws Exception {
        if (database != null) {
            database.close();
        }
    }
}
