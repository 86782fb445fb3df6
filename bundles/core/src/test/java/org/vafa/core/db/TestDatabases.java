package org.vafa.core.db;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.stream.Stream;

/**
 * The two databases Vafa runs on, for tests of the database layer: the embedded H2 file database
 * (with the server's own URL settings) and a fresh database on the PostgreSQL server of the machine
 * (127.0.0.1:5432, trust auth; -Dvafa.test.pg.url to use another).
 */
public final class TestDatabases {
    private TestDatabases() {
    }

    public static Stream<String> vendors() {
        return Stream.of("h2", "postgresql");
    }

    /** A fresh, migrated database of the vendor; closing the pool does not drop it (PostgreSQL: dropped on JVM exit). */
    public static HikariDataSource fresh(String vendor) throws Exception {
        HikariDataSource pool;
        if (vendor.equals("h2")) {
            Path dir = Files.createTempDirectory("vafa-h2");
            pool = VafaDatabase.createPool(DatabaseSettings.embeddedUrl(dir), "", "", 5);
        } else {
            String base = System.getProperty("vafa.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
            String user = System.getProperty("vafa.test.pg.user", "postgres");
            String name = "vafa_unit_" + Long.toString(System.nanoTime(), 36);
            try (Connection c = DriverManager.getConnection(base, user, ""); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + name);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try (Connection c = DriverManager.getConnection(base, user, ""); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                } catch (Exception ignored) {
                    // best effort
                }
            }));
            pool = VafaDatabase.createPool(base.substring(0, base.lastIndexOf('/') + 1) + name, user, "", 5);
        }
        VafaDatabase.migrate(pool, "core", TestDatabases.class.getClassLoader());
        return pool;
    }
}
