package org.vafa.core;

import java.io.IOException;
import java.nio.file.Path;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.core.camel.RestConfig;
import org.vafa.core.camel.VafaCamel;
import org.vafa.core.db.VafaDatabase;
import org.vafa.core.routes.RouteDeployer;
import org.vafa.core.security.AdminBootstrap;

/** Says, once everything is up, where the server answers and what it runs on. */
@Component(immediate = true)
public class StartupBanner {
    private static final Logger LOG = LoggerFactory.getLogger(StartupBanner.class);

    @Reference
    private VafaCamel camel;
    @Reference
    private VafaDatabase database;
    @Reference
    private RouteDeployer routes;
    @Reference
    private org.vafa.core.events.VafaEventLog eventLog;
    @Reference
    private AdminBootstrap admin;
    @Reference
    private ConfigurationAdmin configs;

    @Activate
    void activate() throws IOException {
        RestConfig rest = camel.restConfig();
        String scheme = rest.tlsEnabled() ? "https" : "http";
        String host = "0.0.0.0".equals(rest.host()) ? "localhost" : rest.host();
        String base = scheme + "://" + host + ":" + rest.port() + "/api";
        Path credentials = admin.credentialsFile();
        String banner = String.join("\n",
                "",
                "  Vafa is running",
                "  REST API     " + base + "   (health: " + base + "/health, OpenAPI: " + base + "/openapi.json)",
                "  Listening    " + scheme.toUpperCase() + " " + rest.host() + ":" + rest.port()
                        + "  (PID org.vafa.rest host, port, tlsEnabled)",
                "               ssh " + setting("org.apache.karaf.shell", "sshHost", "0.0.0.0") + ":"
                        + setting("org.apache.karaf.shell", "sshPort", "8101") + "  (PID org.apache.karaf.shell sshHost, sshPort; SFTP "
                        + ("true".equals(setting("org.apache.karaf.shell", "sftpEnabled", "true")) ? "on" : "off") + ")",
                "               JMX/RMI " + setting("org.apache.karaf.management", "rmiRegistryHost", "127.0.0.1") + ":"
                        + setting("org.apache.karaf.management", "rmiRegistryPort", "1099") + " and "
                        + setting("org.apache.karaf.management", "rmiServerHost", "127.0.0.1") + ":"
                        + setting("org.apache.karaf.management", "rmiServerPort", "44444") + "  (PID org.apache.karaf.management)",
                "  Database     " + database.vendor() + "  " + database.displayUrl(),
                "  Events       transport " + eventLog.transport().name() + " (PID org.vafa.events)",
                "  Route files  " + routes.folder(),
                "  Credentials  " + (credentials != null ? credentials + "  (first-start admin password and API key)"
                        : "operator users in etc/users.properties; API keys: vafa:apikey-list"),
                "  Shell        vafa:routes, vafa:events-tail, vafa:parked, vafa:apikey-create ...",
                "");
        LOG.info(banner);
        System.out.println(banner);
    }

    /** A Karaf setting as in force (listed, not created, so nothing is bound by asking). */
    private String setting(String pid, String key, String fallback) throws IOException {
        try {
            org.osgi.service.cm.Configuration[] found = configs.listConfigurations("(service.pid=" + pid + ")");
            Object value = found == null || found[0].getProperties() == null ? null : found[0].getProperties().get(key);
            return value == null ? fallback : String.valueOf(value).trim();
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
