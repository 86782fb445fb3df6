package org.vafa.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MigrationsTest {

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void eachPluginMigratesIntoItsOwnHistoryAndAgainIsANoOp(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            // core is migrated; a second plugin starts its own history in the same, non-empty schema
            VafaDatabase.migrate(db, "sample", getClass().getClassLoader());
            VafaDatabase.migrate(db, "sample", getClass().getClassLoader());
            VafaDatabase.migrate(db, "core", getClass().getClassLoader());
            try (Connection c = db.getConnection()) {
                assertThat(count(c, "SELECT COUNT(*) FROM sample_thing")).isZero();
                assertThat(count(c, "SELECT COUNT(*) FROM vafa_schema_history_sample WHERE success AND type = 'SQL'")).isEqualTo(1);
                long coreScripts;
                try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration/core"))) {
                    coreScripts = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
                }
                assertThat(count(c, "SELECT COUNT(*) FROM vafa_schema_history_core WHERE success AND type = 'SQL'")).isEqualTo(coreScripts)
                        .isGreaterThanOrEqualTo(3);
            }
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
