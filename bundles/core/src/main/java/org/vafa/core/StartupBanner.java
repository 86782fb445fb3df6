package org.vafa.core;

import java.nio.file.Path;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private AdminBootstrap admin;

    @Activate
    void activate() {
        String host = "0.0.0.0".equals(camel.restConfig().host()) ? "localhost" : camel.restConfig().host();
        String base = "http://" + host + ":" + camel.restConfig().port() + "/api";
        Path credentials = admin.credentialsFile();
        String banner = String.join("\n",
                "",
                "  Vafa is running",
                "  REST API     " + base + "   (health: " + base + "/health, OpenAPI: " + base + "/openapi.json)",
                "  Database     " + database.vendor() + "  " + database.displayUrl(),
                "  Events       database log, single node",
                "  Route files  " + routes.folder(),
                "  Credentials  " + (credentials != null ? credentials + "  (first-start admin password and API key)"
                        : "operator users in etc/users.properties; API keys: vafa:apikey-list"),
                "  Shell        vafa:routes, vafa:events-tail, vafa:parked, vafa:apikey-create ...",
                "");
        LOG.info(banner);
        System.out.println(banner);
    }
}
