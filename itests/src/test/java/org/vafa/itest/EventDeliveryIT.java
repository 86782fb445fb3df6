package org.vafa.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An event committed is never lost and its effect happens once: across a graceful restart, a kill -9,
 * and while the plugin bundle the route calls is uninstalled and installed again. Failing deliveries
 * are retried, parked, and delivered when an operator retries them. On the embedded database here;
 * {@link EventDeliveryPostgresIT} runs the same on PostgreSQL.
 */
class EventDeliveryIT {
    private static final Duration DELIVERY = Duration.ofSeconds(90);

    /** The server's environment: empty for the embedded H2 database. */
    Map<String, String> serverEnv() throws Exception {
        return Map.of();
    }

    void cleanUp() throws Exception {
    }

    @Test
    void eventsReachTheirSubscriptionOnceAcrossRestartKillAndPluginReinstall() throws Exception {
        try (VafaServer server = VafaServer.fresh(getClass().getSimpleName(), serverEnv())) {
            server.start();
            server.deploy(VafaServer.testPlugin());
            Files.copy(VafaServer.testRoute("recorder.camel.yaml"), server.routes().resolve("recorder.camel.yaml"));
            awaitPlugin(server);

            publishThroughPlugin(server, 100);
            awaitReceived(server, 100);

            // the bundle the route calls goes away: events wait in the subscription
            long waitedBefore = waits(server);
            server.undeploy(VafaServer.testPlugin());
            VafaServer.awaitValue("plugin REST gone", Duration.ofSeconds(30),
                    () -> server.get("/api/test/received", server.apiKey()).statusCode(), s -> s == 404);
            for (int i = 0; i < 30; i++) {
                server.publish("test.ping", "s0", "{\"while\":\"uninstalled\"}");
            }
            VafaServer.awaitValue("the subscription waiting for the bean", Duration.ofSeconds(30), () -> waits(server),
                    n -> n > waitedBefore);
            server.deploy(VafaServer.testPlugin());
            awaitPlugin(server);
            awaitReceived(server, 130);

            // graceful restart right after publishing
            publishThroughPlugin(server, 50);
            server.stop();
            server.start();
            awaitReceived(server, 180);

            // kill -9 right after publishing: no shutdown, nothing flushed
            publishThroughPlugin(server, 100);
            server.kill9();
            server.start();
            JsonNode seen = awaitReceived(server, 280);

            assertThat(seen.get("received").asLong()).as("effects, once per event").isEqualTo(280);
            assertThat(seen.get("distinctCalls").asLong()).as("events delivered").isEqualTo(280);
            assertThat(seen.get("orderedPerSubject").asBoolean()).as("order per subject").isTrue();
            assertThat(server.events("test.ping")).hasSize(280);
        } finally {
            cleanUp();
        }
    }

    @Test
    void aFailingDeliveryIsRetriedThenParkedAndDeliveredWhenTheOperatorRetries() throws Exception {
        try (VafaServer server = VafaServer.fresh(getClass().getSimpleName() + "-parked", serverEnv())
                .expectErrors("Failed delivery for", "Subscription recorder parked event")) {
            server.config("org.vafa.events", "maxAttempts = 3\ninitialBackoffMs = 200\n");
            server.start();
            server.deploy(VafaServer.testPlugin());
            Files.copy(VafaServer.testRoute("recorder.camel.yaml"), server.routes().resolve("recorder.camel.yaml"));
            awaitPlugin(server);

            server.post("/api/test/failing?on=true", server.apiKey(), "");
            JsonNode event = server.publish("test.ping", "s0", "{\"n\":1}");
            String parked = VafaServer.awaitValue("the event parked", Duration.ofSeconds(60),
                    () -> server.shell("vafa:parked"), out -> out.contains("recorder") && out.contains("test.ping"));
            assertThat(parked).contains("the recorder is switched to failing");
            JsonNode afterFailures = VafaServer.json(server.get("/api/test/received", server.apiKey()));
            assertThat(afterFailures.get("calls").asLong()).as("attempts before parking").isEqualTo(3);
            assertThat(afterFailures.get("received").asLong()).isZero();

            // the subscription moved on: a later event of another subject is delivered once the cause is
            // gone; a later event of the parked event's subject is held back behind it (order per subject)
            server.post("/api/test/failing?on=false", server.apiKey(), "");
            server.publish("test.ping", "s0", "{\"n\":2}");
            server.publish("test.ping", "s1", "{\"n\":3}");
            awaitReceived(server, 1);
            server.publish("test.ping", "s1", "{\"n\":4}"); // a marker after it: delivered in log order
            awaitReceived(server, 2);
            assertThat(VafaServer.json(server.get("/api/test/received", server.apiKey())).get("received").asLong())
                    .as("the s0 event waits behind the parked one").isEqualTo(2);
            assertThat(server.shell("vafa:parked")).contains("held back");

            assertThat(server.shell("vafa:parked-retry --all")).contains("requested");
            JsonNode all = awaitReceived(server, 3);
            assertThat(all.get("orderedPerSubject").asBoolean()).as("s0 released in log order").isTrue();
            assertThat(server.shell("vafa:parked")).doesNotContain(event.get("id").asText().substring(0, 8))
                    .doesNotContain("switched to failing");
        } finally {
            cleanUp();
        }
    }

    private static void awaitPlugin(VafaServer server) throws InterruptedException {
        VafaServer.awaitValue("test plugin REST up", Duration.ofSeconds(60),
                () -> server.get("/api/test/received", server.apiKey()).statusCode(), s -> s == 200);
    }

    private static void publishThroughPlugin(VafaServer server, int count) throws Exception {
        var r = server.post("/api/test/events?count=" + count + "&subjects=3", server.apiKey(), "");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    /** How often the recorder's subscription said it waits for a missing bean. */
    private static long waits(VafaServer server) throws java.io.IOException {
        return java.nio.file.Files.readAllLines(server.log()).stream().filter(l -> l.contains("Subscription recorder waits")).count();
    }

    private static JsonNode awaitReceived(VafaServer server, long expected) throws InterruptedException {
        return VafaServer.awaitValue(expected + " events received", DELIVERY,
                () -> VafaServer.json(server.get("/api/test/received", server.apiKey())),
                j -> j.get("received").asLong() >= expected);
    }
}
