package org.vafa.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Routes are data: a route file added to routes/ runs, an edit replaces it within about a second, a
 * broken edit is rejected (log and vafa:routes) while the previous version keeps running, a delete
 * removes it, and no event is lost while versions are swapped.
 */
class RouteFilesIT {
    private static VafaServer server;

    @BeforeAll
    static void start() throws Exception {
        server = VafaServer.fresh("RouteFilesIT").expectErrors("Route file [a-z-]+\\.camel\\.(yaml|xml) rejected");
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** A route that answers each it.ping with an event of the given type (its "version"). */
    private static String pongRoute(String pongType) {
        return """
                - route:
                    id: pong
                    from:
                      uri: vafa-events:it.ping
                      parameters:
                        subscription: pong
                        startFrom: beginning
                      steps:
                        - setHeader:
                            name: ce-subject
                            simple: "${header.ce-id}"
                        - to: vafa-events:%s
                """.formatted(pongType);
    }

    @Test
    void addEditBrokenEditAndDeleteOfARouteFile() throws Exception {
        Path file = server.routes().resolve("pong.camel.yaml");
        Files.writeString(file, pongRoute("it.pong.v1"));
        String ping1 = server.publish("it.ping", "a", "{}").get("id").asText();
        awaitPong("it.pong.v1", ping1);

        // an edit goes live within about a second; pings meanwhile are answered by v1, none lost
        long edited = System.nanoTime();
        Files.writeString(file, pongRoute("it.pong.v2"));
        String answeredBy;
        do {
            String ping = server.publish("it.ping", "a", "{}").get("id").asText();
            answeredBy = awaitAnyPong(ping);
        } while (!answeredBy.equals("it.pong.v2") && System.nanoTime() - edited < Duration.ofSeconds(10).toNanos());
        long swapMs = (System.nanoTime() - edited) / 1_000_000;
        System.out.printf("edit → new version answering after %d ms%n", swapMs);
        assertThat(answeredBy).isEqualTo("it.pong.v2");
        assertThat(swapMs).as("edit live within about a second (+ delivery)").isLessThan(5000);

        // a file that does not parse: rejected, v2 keeps serving
        Files.writeString(file, "- route:\n    id: pong\n    from:\n      uri: vafa-events:it.ping\n      steps:\n        - nosuchstep: x\n");
        String rejected = VafaServer.awaitValue("rejection shown in vafa:routes", Duration.ofSeconds(20),
                () -> server.shell("vafa:routes"), out -> out.contains("REJECTED"));
        assertThat(rejected).contains("pong.camel.yaml").contains("nosuchstep");
        String ping3 = server.publish("it.ping", "a", "{}").get("id").asText();
        awaitPong("it.pong.v2", ping3);

        // a file that parses but does not start (unknown component): rejected, v2 keeps serving
        Files.writeString(file, pongRoute("it.pong.v3").replace("- to: vafa-events:it.pong.v3", "- to: nosuchcomponent:x"));
        VafaServer.awaitValue("start failure shown in vafa:routes", Duration.ofSeconds(20),
                () -> server.shell("vafa:routes"), out -> out.contains("nosuchcomponent"));
        String ping4 = server.publish("it.ping", "a", "{}").get("id").asText();
        awaitPong("it.pong.v2", ping4);
        assertThat(Files.readString(server.log())).contains("pong.camel.yaml rejected");

        // delete: the route stops; its subscription keeps its place for when it comes back
        Files.delete(file);
        VafaServer.awaitValue("route removed", Duration.ofSeconds(20), () -> server.shell("vafa:routes"),
                out -> !out.contains("pong"));
        String ping5 = server.publish("it.ping", "a", "{}").get("id").asText();
        Files.writeString(file, pongRoute("it.pong.v4"));
        awaitPong("it.pong.v4", ping5); // one pong, of v4: nothing answered it while the file was gone
    }

    @Test
    void aRouteIdUsedElsewhereIsRefusedAndTheOtherRouteKeepsRunning() throws Exception {
        Path thief = server.routes().resolve("thief.camel.yaml");
        Files.writeString(thief, pongRoute("it.stolen").replace("id: pong", "id: club-joining-bonus")
                .replace("subscription: pong", "subscription: thief"));
        String shown = VafaServer.awaitValue("the clash shown in vafa:routes", Duration.ofSeconds(20),
                () -> server.shell("vafa:routes"), out -> out.contains("thief.camel.yaml") && out.contains("REJECTED"));
        assertThat(shown).contains("club-joining-bonus").contains("club-bonuses.camel.yaml");
        assertThat(Files.readString(server.log())).contains("thief.camel.yaml rejected, route id 'club-joining-bonus' is already used");
        Path platform = server.routes().resolve("health-thief.camel.yaml");
        Files.writeString(platform, pongRoute("it.stolen").replace("id: pong", "id: vafa-health").replace("subscription: pong",
                "subscription: health-thief"));
        VafaServer.awaitValue("the clash with the platform", Duration.ofSeconds(20), () -> server.shell("vafa:routes"),
                out -> out.contains("health-thief.camel.yaml") && out.contains("a plugin or the platform"));
        assertThat(server.get("/api/health", null).statusCode()).as("the platform's route still serves").isEqualTo(200);
        // the club's route is still the shipped one: a new member still gets the joining bonus route's attention
        assertThat(server.shell("vafa:routes")).containsPattern("club-bonuses.camel.yaml\\s*\\|\\s*plugin club\\s*\\|\\s*DEPLOYED");
        Files.delete(thief);
        Files.delete(platform);
    }

    @Test
    void xmlRouteFilesAreDeployedEditedRejectedAndRemovedLikeYaml() throws Exception {
        Path file = server.routes().resolve("pong-xml.camel.xml");
        String xml = """
                <routes xmlns="http://camel.apache.org/schema/spring">
                  <route id="pong-xml">
                    <from uri="vafa-events:it.xping?subscription=pong-xml&amp;startFrom=beginning"/>
                    <setHeader name="ce-subject"><simple>${header.ce-id}</simple></setHeader>
                    <to uri="vafa-events:it.pong.%s"/>
                  </route>
                </routes>
                """;
        Files.writeString(file, xml.formatted("x1"));
        String ping1 = server.publish("it.xping", "a", "{}").get("id").asText();
        awaitPong("it.pong.x1", ping1);
        Files.writeString(file, xml.formatted("x2"));
        String answeredBy;
        long edited = System.nanoTime();
        do {
            answeredBy = awaitAnyPong(server.publish("it.xping", "a", "{}").get("id").asText());
        } while (!answeredBy.equals("it.pong.x2") && System.nanoTime() - edited < Duration.ofSeconds(10).toNanos());
        assertThat(answeredBy).isEqualTo("it.pong.x2");
        Files.writeString(file, "<routes xmlns=\"http://camel.apache.org/schema/spring\"><route id=\"pong-xml\"><from uri=");
        VafaServer.awaitValue("the broken XML shown in vafa:routes", Duration.ofSeconds(20), () -> server.shell("vafa:routes"),
                out -> out.contains("pong-xml.camel.xml") && out.contains("REJECTED"));
        awaitPong("it.pong.x2", server.publish("it.xping", "a", "{}").get("id").asText());
        Files.delete(file);
        VafaServer.awaitValue("route removed", Duration.ofSeconds(20), () -> server.shell("vafa:routes"),
                out -> !out.contains("pong-xml"));
    }

    @Test
    void noEventIsLostOrDoubledWhileARouteIsSwappedRepeatedly() throws Exception {
        Path file = server.routes().resolve("relay.camel.yaml");
        String route = """
                - route:
                    id: relay
                    from:
                      uri: vafa-events:it.burst
                      parameters:
                        subscription: relay
                        startFrom: beginning
                      steps:
                        - setHeader:
                            name: ce-subject
                            simple: "${header.ce-id}"
                        - to: vafa-events:it.relayed.%s
                """;
        Files.writeString(file, route.formatted("v0"));
        int total = 200;
        Thread publisher = new Thread(() -> {
            try {
                for (int i = 0; i < total; i++) {
                    server.publish("it.burst", "b", "{\"n\":" + i + "}");
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        publisher.start();
        for (int v = 1; v <= 6; v++) {
            Thread.sleep(400);
            Files.writeString(file, route.formatted("v" + v));
        }
        publisher.join();
        // a marker through the same subscription: delivered in log order, so once it is relayed every burst
        // event has been handled and no late double can follow
        String marker = server.publish("it.burst", "marker", "{}").get("id").asText();
        VafaServer.awaitValue("the marker relayed", Duration.ofSeconds(60), () -> server.events("it.relayed.*"),
                list -> list.stream().anyMatch(e -> e.get("subject").asText().equals(marker)));
        List<JsonNode> relayed = server.events("it.relayed.*").stream().filter(e -> !e.get("subject").asText().equals(marker)).toList();
        assertThat(relayed.stream().map(e -> e.get("subject").asText()).distinct().count()).as("each burst event relayed")
                .isEqualTo(total);
        assertThat(relayed).as("none relayed twice").hasSize(total);
        assertThat(relayed.stream().map(e -> e.get("type").asText()).distinct().count())
                .as("several versions served the stream").isGreaterThan(1);
    }

    private static List<JsonNode> pongsFor(String pingId) throws Exception {
        return server.events("it.pong.*").stream().filter(e -> e.get("subject").asText().equals(pingId)).toList();
    }

    private static String awaitAnyPong(String pingId) throws InterruptedException {
        List<JsonNode> pongs = VafaServer.awaitValue("a pong for " + pingId, Duration.ofSeconds(20), () -> pongsFor(pingId),
                list -> !list.isEmpty());
        assertThat(pongs).hasSize(1);
        return pongs.get(0).get("type").asText();
    }

    private static void awaitPong(String type, String pingId) throws InterruptedException {
        List<JsonNode> pongs = VafaServer.awaitValue(type + " for " + pingId, Duration.ofSeconds(20), () -> pongsFor(pingId),
                list -> !list.isEmpty());
        assertThat(pongs).hasSize(1);
        assertThat(pongs.get(0).get("type").asText()).isEqualTo(type);
    }
}
