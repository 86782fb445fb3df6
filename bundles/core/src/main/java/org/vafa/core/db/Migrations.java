package org.vafa.core.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Runs one plugin's versioned SQL migrations with Flyway, in a history table of the plugin's own. */
final class Migrations {

    private Migrations() {
    }

    /**
     * @param loader  the class loader Flyway works with
     * @param scripts where the SQL files are; null to let Flyway scan {@code loader}'s class path
     *                (outside OSGi: tests, benchmarks)
     */
    static MigrateResult migrate(DataSource dataSource, String plugin, ClassLoader loader, ResourceProvider scripts) {
        if (!plugin.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("Plugin name for migrations must be lower-case letters, digits or _: " + plugin);
        }
        FluentConfiguration config = Flyway.configure(loader)
                .dataSource(dataSource)
                .table("vafa_schema_history_" + plugin)
                // other plugins' tables are already there: start this plugin's history at version 0
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .locations("classpath:db/migration/" + plugin);
        if (scripts != null) {
            config.resourceProvider(scripts);
        }
        return config.load().migrate();
    }
}
