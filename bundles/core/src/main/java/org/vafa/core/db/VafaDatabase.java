package org.vafa.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Dictionary;
import java.util.Hashtable;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.vafa.api.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared, pooled database. Also registers the pool as a plain {@link DataSource} service named
 * {@code dataSource}, so that route files can use it ({@code sql:...?dataSource=#dataSource}).
 */
@Component(service = {Database.class, VafaDatabase.class}, immediate = true, configurationPid = "org.vafa.database",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DatabaseConfig.class)
public class VafaDatabase implements Database {
    private static final Logger LOG = LoggerFactory.getLogger(VafaDatabase.class);

    private HikariDataSource pool;
    private String vendor;
    private String displayUrl;
    private ServiceRegistration<DataSource> dataSourceRegistration;

    @Activate
    void activate(BundleContext context, DatabaseConfig config) {
        Path karafData = Path.of(System.getProperty("karaf.data", "data"));
        DatabaseSettings settings = DatabaseSettings.from(config, System.getenv(), karafData);
        vendor = settings.vendor();
        displayUrl = settings.displayUrl();
        pool = createPool(settings);
        LOG.info("Database: {} ({})", vendor, displayUrl);
        migrate("core", context.getBundle());
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("name", "dataSource");
        props.put("vafa.database.vendor", vendor);
        dataSourceRegistration = context.registerService(DataSource.class, pool, props);
    }

    /** Used by tests and the benchmark outside OSGi as well. */
    public static HikariDataSource createPool(String url, String user, String password, int maximumPoolSize) {
        return createPool(new DatabaseSettings(url, user, password, maximumPoolSize));
    }

    private static HikariDataSource createPool(DatabaseSettings settings) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("vafa");
        hikari.setMaximumPoolSize(settings.maximumPoolSize());
        // The driver's own DataSource, not DriverManager: class loading by name does not cross bundles.
        hikari.setDataSource(switch (settings.vendor()) {
            case "h2" -> {
                org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
                h2.setURL(settings.url());
                h2.setUser(settings.user());
                h2.setPassword(settings.password());
                yield h2;
            }
            default -> {
                org.postgresql.ds.PGSimpleDataSource pg = new org.postgresql.ds.PGSimpleDataSource();
                pg.setURL(settings.url());
                if (!settings.user().isEmpty()) {
                    pg.setUser(settings.user());
                }
                if (!settings.password().isEmpty()) {
                    pg.setPassword(settings.password());
                }
                yield pg;
            }
        });
        return new HikariDataSource(hikari);
    }

    @Deactivate
    void deactivate() {
        if (dataSourceRegistration != null) {
            dataSourceRegistration.unregister();
        }
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public String vendor() {
        return vendor;
    }

    /** The URL without secrets, for the banner and health. */
    public String displayUrl() {
        return displayUrl;
    }

    @Override
    public void migrate(String plugin, Bundle bundle) {
        // Flyway cannot scan another bundle: hand it the bundle's scripts
        BundleScripts scripts = new BundleScripts("db/migration/" + plugin, folder -> bundle.findEntries(folder, "*.sql", false));
        log(plugin, Migrations.migrate(pool, plugin, Migrations.class.getClassLoader(), scripts));
    }

    /** Applies migrations found on a class loader's class path (tests and benchmark, outside OSGi). */
    public static void migrate(DataSource dataSource, String plugin, ClassLoader loader) {
        log(plugin, Migrations.migrate(dataSource, plugin, loader, null));
    }

    private static void log(String plugin, MigrateResult result) {
        if (result.migrationsExecuted > 0) {
            LOG.info("Schema of {}: {} migration(s) applied, now at version {}", plugin, result.migrationsExecuted,
                    result.targetSchemaVersion);
        }
    }

    @Override
    public <T> T inTransaction(TransactionWork<T> work) {
        return inTransaction(pool, work);
    }

    public static <T> T inTransaction(DataSource dataSource, TransactionWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }
}
