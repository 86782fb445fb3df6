package org.vafa.core.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.ResourceProvider;

/** Runs one plugin's versioned SQL migrations with Flyway, in a history table of the plugin's own. */
final class Migrations {

    private Migrations() {
    }

    static MigrateResult migrate(DataSource dataSource, String plugin, ResourceProvider scripts) {
        if (!plugin.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("Plugin name for migrations must be lower-case letters, digits or _: " + plugin);
        }
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .table("vafa_schema_history_" + plugin)
                // other plugins' tables are already there: start this plugin's history at version 0
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .resourceProvider(scripts)
                .locations("db/migration/" + plugin)
                .load();
        return flyway.migrate();
    }
}
