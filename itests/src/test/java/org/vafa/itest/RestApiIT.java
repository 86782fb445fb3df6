package org.vafa.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The REST conventions every plugin's API inherits, on the built distribution: health, OpenAPI, API
 * keys with scopes (managed in the vafa: shell), RFC 9457 problems that name the field, size limits,
 * and Idempotency-Key.
 */
class RestApiIT {
    private static VafaServer server;

    @BeforeAll
    static void start() throws Exception {
        server = VafaServer.fresh("RestApiIT");
        server.start();
        server.deploy(VafaServer.testPlugin());
        VafaServer.awaitValue("test plugin REST up", java.time.Duration.ofSeconds(60),
                () -> server.get("/api/test/received", server.apiKey()).statusCode(), s -> s == 200);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void healthNeedsNoKeyAndReportsDatabaseAndEvents() throws Exception {
        HttpResponse<String> r = server.get("/api/health", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode health = VafaServer.json(r);
        // every shipped route finds its beans (the CRM's timeline included)
        assertThat(health.get("status").asText()).as(health.toString()).isEqualTo("UP");
        assertThat(health.at("/routes/status").asText()).isEqualTo("UP");
        assertThat(health.at("/database/status").asText()).isEqualTo("UP");
        assertThat(health.at("/database/vendor").asText()).isEqualTo("h2");
        assertThat(health.at("/events/status").asText()).isEqualTo("UP");
    }

    @Test
    void openApiDocumentListsThePlatformAndPluginEndpoints() throws Exception {
        HttpResponse<String> r = server.get("/api/openapi.json", null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode paths = VafaServer.json(r).get("paths");
        assertThat(paths.has("/health")).isTrue();
        assertThat(paths.has("/admin/events")).isTrue();
        assertThat(paths.has("/test/events")).as("a plugin's REST resources appear when it is installed").isTrue();

        // a valid OpenAPI 3 document, as a client generator reads it
        io.swagger.v3.parser.core.models.SwaggerParseResult parsed = new io.swagger.v3.parser.OpenAPIV3Parser().readContents(r.body());
        assertThat(parsed.getMessages()).as("OpenAPI 3 specification violations").isEmpty();
        var write = parsed.getOpenAPI().getPaths().get("/admin/routes/{file}").getPut();
        String bodySchema = write.getRequestBody().getContent().get("application/json").getSchema().get$ref();
        assertThat(parsed.getOpenAPI().getComponents().getSchemas().get(bodySchema.substring(bodySchema.lastIndexOf('/') + 1))
                .getProperties()).as("the request body's schema").containsKey("content");
        assertThat(write.getResponses()).containsKeys("200", "4XX");
        String sale = parsed.getOpenAPI().getPaths().get("/pos/sales").getPost().getRequestBody().getContent().get("application/json")
                .getSchema().get$ref();
        assertThat(parsed.getOpenAPI().getComponents().getSchemas().get(sale.substring(sale.lastIndexOf('/') + 1)).getProperties())
                .as("the till's sale").containsKeys("receipt", "lines", "payments", "card");
    }

    @Test
    void withoutAValidKeyTheAnswerIs401AndNothingHappens() throws Exception {
        long before = server.events("it.unauth").size();
        HttpResponse<String> none = server.post("/api/admin/events", null, "{\"type\":\"it.unauth\"}");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
        HttpResponse<String> wrong = server.post("/api/admin/events", "vafa_not-a-key", "{\"type\":\"it.unauth\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(server.events("it.unauth")).hasSize((int) before);
    }

    @Test
    void aKeyReachesOnlyTheAreasOfItsScopesAndRevokingItTakesEffectAtOnce() throws Exception {
        String created = server.shell("vafa:apikey-create register-7 test");
        Matcher m = Pattern.compile("(vafa_[A-Za-z0-9_-]+)").matcher(created);
        assertThat(m.find()).as(created).isTrue();
        String key = m.group(1);
        assertThat(server.shell("vafa:apikey-list")).contains("register-7").doesNotContain(key);

        assertThat(server.get("/api/test/received", key).statusCode()).isEqualTo(200);
        HttpResponse<String> forbidden = server.post("/api/admin/events", key, "{\"type\":\"it.forbidden\"}");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(VafaServer.json(forbidden).get("detail").asText()).contains("admin");
        assertThat(server.events("it.forbidden")).isEmpty();

        assertThat(server.shell("vafa:apikey-revoke register-7")).contains("Revoked");
        assertThat(server.get("/api/test/received", key).statusCode()).isEqualTo(401);
    }

    @Test
    void theOperatorsFunctionsServeUnderApiAdminToAdminKeysOnly() throws Exception {
        String admin = server.apiKey();
        HttpResponse<String> created = server.post("/api/admin/keys", admin, "{\"name\": \"till-7\", \"scopes\": [\"pos\", \"test\"]}");
        assertThat(created.statusCode()).isEqualTo(201);
        String till = VafaServer.json(created).get("key").asText();
        assertThat(VafaServer.json(created).get("scopes").toString()).contains("pos", "test");

        // every admin operation refuses a key without the admin scope, and changes nothing
        String route = "{\"content\": \"- route:\\n    id: stolen\\n    from:\\n      uri: timer:x\\n      steps:\\n        - log: x\\n\"}";
        assertThat(server.get("/api/admin/routes", till).statusCode()).isEqualTo(403);
        assertThat(server.get("/api/admin/routes/club-daily.camel.yaml", till).statusCode()).isEqualTo(403);
        assertThat(server.put("/api/admin/routes/stolen.camel.yaml", till, route).statusCode()).isEqualTo(403);
        assertThat(server.delete("/api/admin/routes/audit-log.camel.yaml", till).statusCode()).isEqualTo(403);
        assertThat(server.get("/api/admin/subscriptions", till).statusCode()).isEqualTo(403);
        assertThat(server.get("/api/admin/parked", till).statusCode()).isEqualTo(403);
        assertThat(server.post("/api/admin/parked/1/retry", till, "").statusCode()).isEqualTo(403);
        assertThat(server.get("/api/admin/keys", till).statusCode()).isEqualTo(403);
        assertThat(server.post("/api/admin/keys", till, "{\"name\": \"mine\", \"scopes\": [\"admin\"]}").statusCode()).isEqualTo(403);
        assertThat(server.delete("/api/admin/keys/till-7", till).statusCode()).isEqualTo(403);
        assertThat(server.get("/api/admin/events", till).statusCode()).isEqualTo(403);
        assertThat(server.post("/api/admin/events", till, "{\"type\": \"x.y\"}").statusCode()).isEqualTo(403);
        assertThat(java.nio.file.Files.exists(server.routes().resolve("stolen.camel.yaml"))).isFalse();
        assertThat(java.nio.file.Files.exists(server.routes().resolve("audit-log.camel.yaml"))).isTrue();

        // route files: listed with owners, read, written (validated first), deleted; a plugin's own cannot be deleted
        JsonNode files = VafaServer.json(server.get("/api/admin/routes", admin));
        JsonNode daily = find(files, "club-daily.camel.yaml");
        assertThat(daily.get("owner").asText()).isEqualTo("club");
        assertThat(daily.get("routes").toString()).contains("club-expire-points").contains("Started");
        assertThat(find(files, "audit-log.camel.yaml").get("owner").isNull()).isTrue();
        assertThat(VafaServer.json(server.get("/api/admin/routes/club-daily.camel.yaml", admin)).get("content").asText())
                .contains("bean:clubPoints?method=expireDueNow");
        HttpResponse<String> broken = server.put("/api/admin/routes/ping.camel.yaml", admin, "{\"content\": \"- route: [\"}");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(VafaServer.json(broken).get("field").asText()).isEqualTo("content");
        assertThat(java.nio.file.Files.exists(server.routes().resolve("ping.camel.yaml"))).as("nothing written").isFalse();
        assertThat(server.put("/api/admin/routes/ping.txt", admin, route).statusCode()).isEqualTo(400);
        String ping = "{\"content\": \"- route:\\n    id: admin-ping\\n    from:\\n      uri: vafa-events:it.admin-ping\\n"
                + "      parameters:\\n        subscription: admin-ping\\n      steps:\\n        - log: ping\\n\"}";
        HttpResponse<String> written = server.put("/api/admin/routes/ping.camel.yaml", admin, ping);
        assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
        assertThat(VafaServer.json(written).get("status").asText()).isEqualTo("DEPLOYED");
        assertThat(VafaServer.json(written).get("routes").toString()).contains("admin-ping").contains("Started");
        JsonNode subscriptions = VafaServer.json(server.get("/api/admin/subscriptions", admin));
        assertThat(subscriptions.get("transport").asText()).isEqualTo("database");
        assertThat(subscriptions.get("subscriptions").toString()).contains("\"name\":\"admin-ping\"").contains("backlog");
        assertThat(server.delete("/api/admin/routes/ping.camel.yaml", admin).statusCode()).isEqualTo(200);
        assertThat(VafaServer.json(server.get("/api/admin/routes", admin)).toString()).doesNotContain("admin-ping");
        assertThat(server.delete("/api/admin/routes/club-daily.camel.yaml", admin).statusCode()).as("the club's own").isEqualTo(409);

        // parked deliveries: none here; an unknown one is 404
        assertThat(VafaServer.json(server.get("/api/admin/parked", admin)).isArray()).isTrue();
        assertThat(server.post("/api/admin/parked/999999/retry", admin, "").statusCode()).isEqualTo(404);

        // events: a live tail waits for the next one
        long after = lastSequence();
        java.util.concurrent.CompletableFuture<HttpResponse<String>> tail = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return server.get("/api/admin/events?type=it.tail&waitSeconds=20&after=" + after, admin);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500); // a head start for the tail, so that it waits (the answer is the same if it comes second)
        server.publish("it.tail", "t1", "{}");
        JsonNode tailed = VafaServer.json(tail.get(30, java.util.concurrent.TimeUnit.SECONDS));
        assertThat(tailed.size()).isEqualTo(1);
        assertThat(tailed.get(0).get("type").asText()).isEqualTo("it.tail");

        // keys: listed without secrets, revoked at once
        assertThat(server.get("/api/admin/keys", admin).body()).contains("till-7").doesNotContain(till);
        assertThat(server.delete("/api/admin/keys/till-7", admin).statusCode()).isEqualTo(200);
        assertThat(server.get("/api/test/received", till).statusCode()).isEqualTo(401);
        assertThat(server.get("/api/openapi.json", null).body()).contains("/admin/routes/{file}", "/admin/keys", "/admin/parked/{id}/retry");
    }

    private static JsonNode find(JsonNode files, String name) {
        for (JsonNode f : files) {
            if (f.get("file").asText().equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no route file " + name + " in " + files);
    }

    private static long lastSequence() throws Exception {
        java.util.List<JsonNode> all = server.events("*");
        return all.isEmpty() ? 0 : all.get(all.size() - 1).get("sequence").asLong();
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndChangesNothing() throws Exception {
        HttpResponse<String> malformed = server.post("/api/admin/events", server.apiKey(), "{\"type\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(VafaServer.json(malformed).get("status").asInt()).isEqualTo(400);

        HttpResponse<String> missing = server.post("/api/admin/events", server.apiKey(), "{\"subject\":\"x\"}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(VafaServer.json(missing).get("field").asText()).isEqualTo("type");

        HttpResponse<String> wrongType = server.post("/api/admin/events", server.apiKey(), "{\"type\":\"it.bad\",\"subject\":42}");
        assertThat(VafaServer.json(wrongType).get("field").asText()).isEqualTo("subject");

        HttpResponse<String> form = server.post("/api/admin/events", server.apiKey(), "{\"type\":\"it.form\"",
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(form.statusCode()).as("whatever Content-Type a client sends, no 5xx").isEqualTo(400);

        HttpResponse<String> limit = server.get("/api/admin/events?limit=abc", server.apiKey());
        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(VafaServer.json(limit).get("field").asText()).isEqualTo("limit");

        assertThat(server.events("it.bad")).isEmpty();
        assertThat(server.events("it.form")).isEmpty();
    }

    @Test
    void anOversizeBodyIs413() throws Exception {
        String big = "{\"type\":\"it.big\",\"data\":\"" + "x".repeat(1_100_000) + "\"}";
        HttpResponse<String> r = server.post("/api/admin/events", server.apiKey(), big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(server.events("it.big")).isEmpty();
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndDoesNothingTwice() throws Exception {
        String body = "{\"type\":\"it.idem\",\"subject\":\"m1\",\"data\":{\"points\":10}}";
        HttpResponse<String> first = server.post("/api/admin/events", server.apiKey(), body, "Idempotency-Key", "sale-42");
        HttpResponse<String> retry = server.post("/api/admin/events", server.apiKey(), body, "Idempotency-Key", "sale-42");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(server.events("it.idem")).hasSize(1);

        HttpResponse<String> reused = server.post("/api/admin/events", server.apiKey(),
                "{\"type\":\"it.idem\",\"subject\":\"m2\"}", "Idempotency-Key", "sale-42");
        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(VafaServer.json(reused).get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(server.events("it.idem")).hasSize(1);
    }

    @Test
    void responsesDoNotEchoRequestHeaders() throws Exception {
        HttpResponse<String> r = server.post("/api/admin/events", server.apiKey(), "{\"type\":\"it.echo\"}",
                "X-Secret-Note", "do-not-echo");
        assertThat(r.headers().firstValue("X-Secret-Note")).isEmpty();
        assertThat(r.headers().firstValue("Authorization")).isEmpty();
        assertThat(r.headers().firstValue("VafaApiKeyName")).isEmpty();
    }
}
