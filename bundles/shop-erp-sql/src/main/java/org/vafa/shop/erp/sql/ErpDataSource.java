package org.vafa.shop.erp.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Dictionary;
import java.util.Hashtable;
import javax.sql.DataSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The ERP's database as the bean {@code erpDataSource} that the feed route's camel-sql consumer reads with. The driver
 * is chosen by the address (MariaDB/MySQL or PostgreSQL) and created directly, not looked up by DriverManager (which
 * does not see other bundles' drivers).
 */
@Component(service = ErpDataSource.class, immediate = true, configurationPid = "org.vafa.shop.erp.sql",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ErpSqlConfig.class)
public class ErpDataSource {
    private final HikariDataSource pool;
    private final ServiceRegistration<DataSource> registration;

    @Activate
    public ErpDataSource(BundleContext context, ErpSqlConfig config) throws Exception {
        if (config.url() == null || config.url().isBlank() || config.user() == null) {
            throw new IllegalStateException("org.vafa.shop.erp.sql: url and user are required");
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("erp");
        hikari.setDataSource(driver(config));
        hikari.setMaximumPoolSize(Math.max(1, config.poolSize()));
        hikari.setReadOnly(true);
        pool = new HikariDataSource(hikari);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", "erpDataSource");
        registration = context.registerService(DataSource.class, pool, properties);
    }

    private static DataSource driver(ErpSqlConfig config) throws java.sql.SQLException {
        String url = config.url().strip();
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            org.mariadb.jdbc.MariaDbDataSource ds = new org.mariadb.jdbc.MariaDbDataSource(url.replaceFirst("^jdbc:mysql:", "jdbc:mariadb:"));
            ds.setUser(config.user());
            ds.setPassword(config.password());
            return ds;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
            ds.setUrl(url);
            ds.setUser(config.user());
            ds.setPassword(config.password());
            return ds;
        }
        throw new IllegalArgumentException("org.vafa.shop.erp.sql: url starts with jdbc:mariadb:, jdbc:mysql: or jdbc:postgresql:");
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        pool.close();
    }
}
