package org.vafa.itest;

import java.util.Map;

/** {@link ShopIT} with the server on PostgreSQL. */
class ShopPostgresIT extends ShopIT {
    private Postgres database;

    @Override
    Map<String, String> serverEnv() throws Exception {
        database = Postgres.freshDatabase("vafa_shop_it");
        return database.serverEnv();
    }

    @Override
    void cleanUp() throws Exception {
        if (database != null) {
            database.close();
        }
    }
}
