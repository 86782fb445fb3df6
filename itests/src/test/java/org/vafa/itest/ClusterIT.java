package org.vafa.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.vafa.kafka.KafkaBroker;

/**
 * Two Vafa nodes (two Karaf instances on this machine) sharing PostgreSQL and a real Kafka broker: the events' work is
 * spread over both, a node killed with kill -9 or a broker restarted mid-stream loses nothing and doubles nothing
 * (counted on the real effects: joining points, welcome texts, timeline entries), a route file stored on one node runs
 * on the other, a timer route runs on one node for the cluster and moves when that node dies, and the programme put in
 * force on one node is the other's at once.
 */
class ClusterIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void twoNodesShareTheWorkAndSurviveAKillAndABrokerRestart() throws Exception {
        try (Postgres db = Postgres.freshDatabase("vafa_cluster");
             KafkaBroker kafka = KafkaBroker.fresh(Path.of(System.getProperty("vafa.work"), "kafka-" + getClass().getSimpleName()))) {
            Map<String, String> cluster = new HashMap<>(db.serverEnv());
            cluster.put("VAFA_EVENTS_TRANSPORT", "kafka");
            cluster.put("VAFA_KAFKA_BOOTSTRAP", kafka.bootstrap());
            try (VafaServer a = VafaServer.fresh("cluster-a", with(cluster, "VAFA_NODE_ID", "node-a"));
                 VafaServer b = VafaServer.fresh("cluster-b", with(cluster, "VAFA_NODE_ID", "node-b")).asNode(1)) {
                a.start();
                b.usesKeyOf(a).start();
                String key = a.apiKey();
                // the client of a dead node or a broker away logs its lost connections; nothing is lost for it
                b.expectErrors("org\\.apache\\.kafka");

                // the programme put in force on A is B's within a couple of seconds
                String shop = Files.readString(Path.of(System.getProperty("vafa.rules"), "iranian-shop.json"));
                long version = VafaServer.json(a.put("/api/club/rules", key, shop)).get("version").asLong();
                VafaServer.await("B uses the programme A put in force", Duration.ofSeconds(10),
                        when(() -> VafaServer.json(b.get("/api/club/rules", key)).path("version").asLong() == version));

                // each subscription is one consumer group with a member on each node, each with a share of the partitions
                VafaServer.await("both nodes take a share of the joining bonus's events", WAIT,
                        when(() -> partitionsHere(a, "club-joining-bonus") > 0 && partitionsHere(b, "club-joining-bonus") > 0));

                // a route file stored through A runs on B; its timer runs on one node only
                String tick = """
                        - route:
                            id: it-cluster-tick
                            from:
                              uri: timer:it-cluster-tick
                              parameters:
                                period: 200
                              steps:
                                - setBody:
                                    simple: "${sysenv.VAFA_NODE_ID}"
                                - to: vafa-events:it.cluster.tick
                        """;
                var stored = a.put("/api/admin/routes/it-cluster-tick.camel.yaml", key, VafaServer.JSON.createObjectNode().put("content", tick)
                        .toString());
                assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
                VafaServer.await("the route file deployed on B", Duration.ofSeconds(20), when(() -> b.get("/api/admin/routes", key).body()
                        .contains("it-cluster-tick")));
                assertThat(Files.readString(b.home.resolve("routes/it-cluster-tick.camel.yaml"))).isEqualTo(tick);
                VafaServer.await("ticks", WAIT, when(() -> tickers(a).values().stream().mapToLong(Long::longValue).sum() >= 10));
                Map<String, Long> ticks = tickers(a);
                assertThat(ticks).as("one node runs the timer for the cluster: %s", ticks).hasSize(1);
                String ticker = ticks.keySet().iterator().next();

                // members join through both nodes; A dies (kill -9) while their events are handled
                List<String> members = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    members.add(register(i % 2 == 0 ? a : b, key, i));
                }
                a.kill9();
                for (int i = 20; i < 40; i++) {
                    members.add(register(b, key, i));
                }
                // the broker restarts mid-stream: what is published meanwhile waits in the outbox
                kafka.stop();
                for (int i = 40; i < 50; i++) {
                    members.add(register(b, key, i));
                }
                kafka.start();
                for (int i = 50; i < 60; i++) {
                    members.add(register(b, key, i));
                }

                VafaServer.await("every member's joining points, welcome text and timeline entry", Duration.ofSeconds(180),
                        when(() -> effects(db, "SELECT member_id, COUNT(*) FROM club_points_entry WHERE source LIKE 'bonus:joining:%' GROUP BY"
                                + " member_id").keySet().containsAll(members)
                                && effects(db, "SELECT member_id, COUNT(*) FROM sms_message WHERE message_type = 'welcome' GROUP BY member_id")
                                .keySet().containsAll(members)
                                && effects(db, "SELECT c.member_id, COUNT(*) FROM crm_timeline t JOIN crm_customer c ON c.id = t.customer_id"
                                + " WHERE t.event_type = 'club.member.registered' GROUP BY c.member_id").keySet().containsAll(members)));
                assertThat(effects(db, "SELECT member_id, SUM(points) FROM club_points_entry WHERE source LIKE 'bonus:joining:%' GROUP BY"
                        + " member_id")).as("50 joining points each, once").hasSize(members.size()).allSatisfy((m, points) ->
                        assertThat(points).isEqualTo(50));
                assertThat(effects(db, "SELECT member_id, COUNT(*) FROM sms_message WHERE message_type = 'welcome' GROUP BY member_id"))
                        .as("one welcome text each").hasSize(members.size()).allSatisfy((m, n) -> assertThat(n).isEqualTo(1));
                assertThat(effects(db, "SELECT c.member_id, COUNT(*) FROM crm_timeline t JOIN crm_customer c ON c.id = t.customer_id"
                        + " WHERE t.event_type = 'club.member.registered' GROUP BY c.member_id")).as("one timeline entry each")
                        .hasSize(members.size()).allSatisfy((m, n) -> assertThat(n).isEqualTo(1));

                // the timer is B's now (it was, or A's lease lapsed)
                long before = tickers(b).getOrDefault("node-b", 0L);
                VafaServer.await("B ticks", WAIT, when(() -> tickers(b).getOrDefault("node-b", 0L) >= before + 5));
                if (ticker.equals("node-b")) {
                    assertThat(tickers(b).keySet()).containsExactly("node-b");
                }
                assertThat(b.shell("vafa:subscriptions")).contains("Transport: kafka", "This node: node-b")
                        .containsPattern("events:kafka-relay\\s*\\|\\s*node-b");
                JsonNode health = VafaServer.json(b.get("/api/health", null));
                assertThat(health.path("status").asText()).isIn("UP", "DEGRADED");
                assertThat(health.path("node").asText()).isEqualTo("node-b");
                assertThat(health.at("/singletons/events:kafka-relay").asText()).as("B relays now").isEqualTo("node-b");
                assertThat(health.at("/events/subscriptions/club-joining-bonus/onThisNode").asText()).startsWith("partitions [");

                // Prometheus reads the node's metrics with a key of scope metrics, which opens nothing else
                var made = VafaServer.json(b.post("/api/admin/keys", key, "{\"name\": \"prometheus\", \"scopes\": [\"metrics\"]}"));
                String prometheus = made.get("key").asText();
                var scraped = b.get("/api/metrics", prometheus);
                assertThat(scraped.statusCode()).isEqualTo(200);
                assertThat(scraped.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
                assertThat(scraped.body()).contains("vafa_events_subscription_backlog{", "subscription=\"club-joining-bonus\"",
                        "vafa_events_subscription_handled_total{", "vafa_events_subscription_parked{",
                        "vafa_http_server_requests_seconds_bucket{area=\"club\"", "vafa_sms_outbox{", "state=\"QUEUED\"",
                        "vafa_db_pool_connections{", "jvm_memory_used_bytes{", "node=\"node-b\"");
                assertThat(b.get("/api/club/members?mobile=09121001001", prometheus).statusCode()).isEqualTo(403);
                var till = VafaServer.json(b.post("/api/admin/keys", key, "{\"name\": \"till\", \"scopes\": [\"pos\"]}"));
                assertThat(b.get("/api/metrics", till.get("key").asText()).statusCode()).isEqualTo(403);
            }
        }
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** A condition to wait for; a node or the database not answering yet counts as not yet. */
    private static java.util.function.BooleanSupplier when(Check check) {
        return () -> {
            try {
                return check.holds();
            } catch (Exception e) {
                return false;
            }
        };
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> out = new HashMap<>(env);
        out.put(name, value);
        return out;
    }

    private static String register(VafaServer node, String key, int i) throws Exception {
        String mobile = String.format("0912%07d", 1000 + i);
        var r = node.post("/api/club/members", key, "{\"firstName\": \"عضو\", \"lastName\": \"شماره " + i + "\", \"mobile\": \"" + mobile
                + "\", \"consents\": {\"sms\": true}}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return VafaServer.json(r).get("id").asText();
    }

    /** How many of the topic's partitions this node's member of the subscription's group has (vafa:subscriptions). */
    private static int partitionsHere(VafaServer node, String subscription) throws Exception {
        for (String line : node.shell("vafa:subscriptions").split("\n")) {
            if (line.trim().startsWith(subscription + " ") || line.trim().startsWith(subscription + "|")) {
                int open = line.indexOf("partitions [");
                if (open >= 0) {
                    String list = line.substring(open + "partitions [".length(), line.indexOf(']', open));
                    return list.isBlank() ? 0 : list.split(",").length;
                }
            }
        }
        return 0;
    }

    /** Ticks of the timer route by the node that ran it. */
    private static Map<String, Long> tickers(VafaServer node) throws Exception {
        return node.events("it.cluster.tick").stream().filter(e -> e.get("type").asText().equals("it.cluster.tick"))
                .collect(Collectors.groupingBy(e -> e.path("data").asText(), TreeMap::new, Collectors.counting()));
    }

    /** Member id → a number, from the shared database. */
    private static Map<String, Long> effects(Postgres db, String sql) throws Exception {
        Map<String, Long> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection(db.url, System.getProperty("vafa.test.pg.user", "postgres"), "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }
}
