package org.vafa.itest.paxexam;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.vafa.api.db.Database;
import org.vafa.api.events.EventLog;

/**
 * The built distribution inside Pax Exam: every boot feature is installed and every bundle active,
 * the platform's services are there for plugins, and an event a plugin records in its transaction
 * reaches a route that an operator deployed as a file.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PlatformPaxExamIT {
    private static final int HTTP_PORT = 18181;

    @Inject
    private FeaturesService features;
    @Inject
    private BundleContext bundleContext;
    @Inject
    private EventLog eventLog;
    @Inject
    private Database database;

    @Configuration
    public Option[] config() {
        String localRepository = System.getProperty("vafa.m2", System.getProperty("user.home") + "/.m2/repository");
        return options(
                karafDistributionConfiguration()
                        .frameworkUrl(new File(System.getProperty("vafa.distribution")).toURI().toString())
                        .unpackDirectory(new File("target/pax-exam"))
                        .useDeployFolder(false)
                        .name("Vafa"),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                // Pax Exam's own bundles come from the local Maven repository (pre-fetched by the build)
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", localRepository),
                // other ports than a Vafa that may be running on this machine
                editConfigurationFilePut("etc/org.vafa.rest.cfg", "port", String.valueOf(HTTP_PORT)),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", "18101"),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", "11099"),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", "44445"));
    }

    @Test
    public void everyBootFeatureIsInstalledAndEveryBundleIsActive() throws Exception {
        for (String feature : List.of("vafa-core", "vafa-camel", "vafa-database", "vafa-club", "scr", "ssh", "jaas", "shell", "deployer")) {
            assertTrue(feature + " installed", features.isInstalled(features.getFeature(feature)));
        }
        // the probe may run before the last start level is reached: give the bundles time to start
        long deadline = System.currentTimeMillis() + 60_000;
        for (Bundle bundle : bundleContext.getBundles()) {
            if (bundle.getHeaders().get("Fragment-Host") != null) {
                continue;
            }
            while (bundle.getState() != Bundle.ACTIVE && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertEquals(bundle.getSymbolicName() + " active", Bundle.ACTIVE, bundle.getState());
        }
    }

    @Test
    public void healthIsUpOverHttp() throws Exception {
        String health = awaitHttp("/api/health", "\"status\":\"UP\"");
        assertTrue(health, health.contains("\"vendor\":\"h2\""));
    }

    @Test
    public void anEventRecordedInAPluginTransactionReachesARouteDeployedAsAFile() throws Exception {
        Path routes = Path.of(System.getProperty("karaf.base"), "routes");
        Files.writeString(routes.resolve("paxexam.camel.yaml"), """
                - route:
                    id: paxexam-relay
                    from:
                      uri: vafa-events:paxexam.ping
                      parameters:
                        subscription: paxexam
                        startFrom: beginning
                      steps:
                        - setHeader:
                            name: ce-subject
                            simple: "${header.ce-id}"
                        - to: vafa-events:paxexam.pong
                """);
        String pingId = database.inTransaction(tx -> eventLog.append(tx, "paxexam", "paxexam.ping", "s1", Map.of("n", 1)).id());
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (countPongs(pingId) == 1) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no paxexam.pong for " + pingId);
    }

    private long countPongs(String pingId) throws Exception {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM vafa_event WHERE event_type = ? AND subject = ?")) {
            ps.setString(1, "paxexam.pong");
            ps.setString(2, pingId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String awaitHttp(String path, String expected) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 60_000;
        String last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + HTTP_PORT + path)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (last.contains(expected)) {
                    return last;
                }
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError(path + " never answered " + expected + "; last: " + last);
    }
}
