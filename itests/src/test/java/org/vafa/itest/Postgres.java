package org.vafa.itest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;

/** A fresh, empty PostgreSQL database on the machine's server (127.0.0.1:5432, trust auth) for one test. */
final class Postgres implements AutoCloseable {
    private static final String URL = System.getProperty("vafa.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getProperty("vafa.test.pg.user", "postgres");

    final String name;
    final String url;

    private Postgres(String name) {
        this.name = name;
        this.url = URL.substring(0, URL.lastIndexOf('/') + 1) + name;
    }

    static Postgres freshDatabase(String prefix) throws Exception {
        Postgres db = new Postgres(prefix + "_" + Long.toString(System.nanoTime(), 36));
        try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db.name);
        }
        return db;
    }

    /** The server environment that points Vafa at this database. */
    Map<String, String> serverEnv() {
        return Map.of("VAFA_DB_URL", url, "VAFA_DB_USER", USER);
    }

    @Override
    public void close() throws Exception {
        try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
