package org.vafa.api.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.osgi.framework.Bundle;

/**
 * The one pooled database every plugin shares (embedded H2 by default, PostgreSQL in production).
 * Each plugin owns its tables and migrates them itself with {@link #migrate}.
 */
public interface Database {

    DataSource dataSource();

    /** {@code h2} or {@code postgresql}. */
    String vendor();

    /**
     * Applies the plugin's versioned migrations, Flyway-style SQL files
     * ({@code V1__create_members.sql}, ...) found in the bundle under {@code db/migration/<plugin>/}.
     * Each plugin has its own history table, so plugins migrate independently of each other.
     */
    void migrate(String plugin, Bundle bundle);

    /** Runs work in one transaction: commits if it returns, rolls back if it throws. */
    <T> T inTransaction(TransactionWork<T> work);

    @FunctionalInterface
    interface TransactionWork<T> {
        T run(Connection transaction) throws SQLException;
    }
}
