package org.vafa.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input on the built distribution: every endpoint that takes a body gets broken JSON and then, field by
 * field, values of the wrong type, out of range, huge, empty or missing; every query and path parameter of
 * the OpenAPI document gets odd values. Whatever a client sends, the answer is a 4xx problem+json or a
 * success, never a 5xx.
 */
class BadInputIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<JsonNode> BAD_VALUES = List.of(F.nullNode(), F.textNode(""), F.textNode("abc"), F.textNode("۱۲۳"),
            F.numberNode(-1), F.numberNode(0), F.numberNode(new BigDecimal("1.5")), F.numberNode(new BigDecimal("1e30")),
            F.numberNode(new BigDecimal("-1e30")), F.numberNode(new BigDecimal("1e308")), F.booleanNode(true), F.arrayNode(),
            F.objectNode(), F.arrayNode().add(1), F.objectNode().put("a", 1), F.textNode("x".repeat(20_000)),
            F.textNode("2026-13-45"), F.textNode("'; DROP TABLE club_member; --"), F.textNode("\u0000"));
    private static final List<String> BROKEN_BODIES = List.of("", "not json", "[]", "null", "{", "{\"a\":", "123", "\"text\"",
            "{}{}");
    private static final List<String> ODD_PARAMETERS = List.of("", "abc", "-1", "0", "99999999999999999999", "1e5", "%00", "..%2F..",
            "%DB%B1%DB%B2", "x".repeat(2000), "%27%20OR%201%3D1");

    private final List<String> failures = new ArrayList<>();
    /** While true, only a 4xx problem is right (the body can never be accepted). */
    private boolean mustRefuse;
    private int requests;

    @Test
    void noClientInputIsAnsweredWithA5xx() throws Exception {
        try (VafaServer server = VafaServer.fresh(getClass().getSimpleName())) {
            // every request must reach its resource: budgets far above this test's pace
            server.config("org.vafa.rest", "rateLimits = *=100000\nmemberLookupsPerMinute = 1000000\n");
            server.start();
            String admin = server.apiKey();
            String shop = Files.readString(Path.of(System.getProperty("vafa.rules"), "iranian-shop.json"));
            assertThat(server.put("/api/club/rules", admin, shop).statusCode()).isEqualTo(200);
            JsonNode sara = VafaServer.json(server.post("/api/club/members", admin, "{\"firstName\": \"Sara\", \"lastName\": \"Ahmadi\","
                    + " \"mobile\": \"09121234567\", \"email\": \"s@example.com\", \"consents\": {\"sms\": true, \"email\": true}}"));
            String member = sara.get("id").asText();
            String card = sara.at("/cards/0").asText();
            server.post("/api/club/members/" + member + "/points/earn", admin, "{\"points\": 500, \"source\": \"seed:1\"}");
            server.post("/api/club/members/" + member + "/stored-value/charge", admin,
                    "{\"amount\": 5000000, \"currency\": \"IRR\", \"source\": \"seed:sv\"}");
            String batch = VafaServer.json(server.post("/api/club/voucher-batches", admin,
                    "{\"name\": \"b\", \"kind\": \"amount\", \"value\": 100000, \"count\": 3}")).get("id").asText();
            String voucher = VafaServer.json(server.get("/api/club/voucher-batches/" + batch + "/codes", admin)).get(0).get("code").asText();
            String reward = VafaServer.json(server.post("/api/club/rewards", admin, "{\"name\": \"mug\", \"pointsCost\": 100, \"stock\": 5}"))
                    .get("id").asText();
            server.post("/api/pos/branches", admin, "{\"code\": \"tehran-1\", \"name\": \"Vanak\"}");
            String till = VafaServer.json(server.post("/api/pos/branches/tehran-1/terminals", admin, "{\"name\": \"till-1\"}"))
                    .get("apiKey").asText();
            String line = "{\"sku\": \"rice\", \"category\": \"grocery\", \"quantity\": 1, \"unitPrice\": 2350000}";
            assertThat(server.post("/api/pos/sales", till, "{\"receipt\": \"r-1\", \"card\": \"" + card + "\", \"currency\": \"IRR\","
                    + " \"lines\": [" + line + "]}").statusCode()).isEqualTo(201);
            String purchase = "{\"lines\": [" + line + "], \"currency\": \"IRR\", \"branch\": \"tehran-1\"}";
            String m = "/api/club/members/" + member;

            Map<String, String> bodies = new LinkedHashMap<>();
            bodies.put("POST /api/admin/events", "{\"type\": \"demo.hello\", \"subject\": \"m1\", \"data\": {\"name\": \"Sara\"}}");
            bodies.put("POST /api/sms/inbound", "{\"from\": \"09121234567\", \"text\": \"hello\"}");
            bodies.put("POST /api/sms/messages", "{\"to\": \"09121234567\", \"text\": \"hi\", \"type\": \"manual\"}");
            bodies.put("PUT /api/sms/templates/welcome/fa", "{\"text\": \"سلام ${member.firstName}\"}");
            bodies.put("POST /api/pos/branches", "{\"code\": \"b2\", \"name\": \"x\", \"city\": \"Tehran\"}");
            bodies.put("POST /api/pos/branches/tehran-1/terminals", "{\"name\": \"t9\"}");
            bodies.put("POST /api/pos/quote", "{\"card\": \"" + card + "\", \"currency\": \"IRR\", \"lines\": [" + line + "], \"vouchers\": [\""
                    + voucher + "\"], \"points\": 100, \"storedValue\": 1000}");
            bodies.put("POST /api/pos/sales", "{\"receipt\": \"r-2\", \"cashier\": \"c\", \"card\": \"" + card + "\", \"currency\": \"IRR\","
                    + " \"lines\": [" + line + "], \"payments\": [{\"method\": \"cash\", \"amount\": 2350000}]}");
            bodies.put("POST /api/pos/sales?anonymous", "{\"receipt\": \"r-3\", \"currency\": \"IRR\", \"lines\": [" + line + "]}");
            bodies.put("POST /api/pos/refunds", "{\"receipt\": \"r-1\", \"refund\": \"rf-1\", \"lines\": [{\"sku\": \"rice\", \"quantity\": 1}]}");
            bodies.put("POST /api/club/rewards", "{\"name\": \"mug\", \"pointsCost\": 100, \"stock\": 5, \"active\": true}");
            bodies.put("PATCH /api/club/rewards/" + reward, "{\"name\": \"mug2\", \"pointsCost\": 50, \"stock\": 3, \"active\": false}");
            bodies.put("POST " + m + "/rewards", "{\"rewardId\": \"" + reward + "\", \"quantity\": 1}");
            bodies.put("POST " + m + "/points/discount-quote", "{\"points\": 100, \"basketTotal\": 2000000, \"currency\": \"IRR\"}");
            bodies.put("POST " + m + "/points/redeem-for-discount",
                    "{\"points\": 100, \"basketTotal\": 2000000, \"currency\": \"IRR\", \"source\": \"s:1\"}");
            bodies.put("POST " + m + "/stored-value/charge", "{\"amount\": 1000, \"currency\": \"IRR\", \"source\": \"c:1\"}");
            bodies.put("POST " + m + "/stored-value/spend", "{\"amount\": 1000, \"currency\": \"IRR\", \"source\": \"sp:1\"}");
            bodies.put("POST " + m + "/stored-value/refund", "{\"amount\": 500, \"refund\": \"r:1\", \"source\": \"sp:1\"}");
            bodies.put("POST /api/club/members", "{\"firstName\": \"Ali\", \"lastName\": \"R\", \"mobile\": \"09121234599\", \"birthDate\":"
                    + " \"1370-05-12\", \"anniversary\": \"2010-01-01\", \"gender\": \"male\", \"city\": \"Tehran\", \"email\": \"a@b.co\","
                    + " \"consents\": {\"sms\": true, \"email\": false}, \"referralCode\": \"" + sara.get("referralCode").asText() + "\","
                    + " \"pendingVerification\": false}");
            bodies.put("PATCH " + m, "{\"firstName\": \"Sara\", \"email\": \"x@y.z\", \"birthDate\": \"1991-08-03\", \"consents\": {\"sms\": false}}");
            bodies.put("POST " + m + "/points/adjust", "{\"points\": -5, \"reason\": \"fix\"}");
            bodies.put("POST " + m + "/points/earn", "{\"points\": 10, \"source\": \"e:1\", \"releaseAt\": \"2030-01-01T00:00:00Z\"}");
            bodies.put("POST " + m + "/points/earn-purchase", "{\"source\": \"p:1\", \"purchase\": " + purchase + "}");
            bodies.put("POST " + m + "/points/redeem", "{\"points\": 10, \"source\": \"rd:1\"}");
            bodies.put("POST " + m + "/points/reverse", "{\"source\": \"e:1\", \"refund\": \"rv:1\", \"fraction\": 0.5}");
            bodies.put("POST " + m + "/refund", "{\"source\": \"p:1\", \"refund\": \"rf:1\", \"fraction\": 0.5}");
            bodies.put("PUT " + m + "/tier", "{\"tier\": \"gold\", \"reason\": \"vip\"}");
            bodies.put("POST /api/club/rules/evaluate", "{\"purchase\": " + purchase + ", \"member\": {\"tier\": \"gold\"}}");
            bodies.put("POST /api/club/voucher-batches", "{\"name\": \"b\", \"kind\": \"percent\", \"value\": 10, \"maxDiscount\": 100000,"
                    + " \"minimumBasket\": 1000, \"validFrom\": \"2026-01-01\", \"validTo\": \"2027-01-01\", \"usesPerCode\": 2,"
                    + " \"prefix\": \"YL\", \"count\": 2}");
            bodies.put("POST /api/club/vouchers/" + voucher + "/check", "{\"basketTotal\": 2000000, \"currency\": \"IRR\", \"memberId\": \""
                    + member + "\"}");
            bodies.put("POST /api/club/vouchers/" + voucher + "/redeem", "{\"basketTotal\": 2000000, \"currency\": \"IRR\", \"source\": \"v:1\"}");
            bodies.put("POST /api/club/vouchers/" + voucher + "/release", "{\"source\": \"v:1\", \"refund\": \"vr:1\"}");

            // bodies that can never be right (not JSON, data after the document, a key twice) change nothing at all;
            // first the reactions to the set-up settle (texts of the welcome and the sale)
            for (String subscription : List.of("sms-welcome", "pos-sale-sms", "club-joining-bonus")) {
                server.awaitHandled(subscription);
            }
            VafaServer.awaitValue("the outbox sent", Duration.ofSeconds(30), () -> VafaServer.json(server.get("/api/sms/status", admin))
                    .get("outbox"), outbox -> outbox.path("QUEUED").asLong() + outbox.path("SENDING").asLong() == 0);
            int eventsBefore = server.events("*").size();
            mustRefuse = true;
            String membersBefore = server.get("/api/club/reports/members", admin).body();
            for (Map.Entry<String, String> e : bodies.entrySet()) {
                String method = e.getKey().substring(0, e.getKey().indexOf(' '));
                String path = e.getKey().substring(method.length() + 1);
                String key = path.startsWith("/api/pos/sales") || path.startsWith("/api/pos/refunds") ? till : admin;
                for (String broken : BROKEN_BODIES) {
                    check(method, path, key, broken, "a broken body");
                }
                String first = JSON.readTree(e.getValue()).fieldNames().next();
                check(method, path, key, e.getValue() + " {}", "data after the document");
                check(method, path, key, "{\"" + first + "\": " + JSON.readTree(e.getValue()).get(first) + ", " + e.getValue().substring(1),
                        "a key given twice");
            }
            mustRefuse = false;
            assertThat(failures).as("answers that are not a 4xx problem").isEmpty();
            assertThat(server.events("*")).as("no event from a refused body").hasSize(eventsBefore + 1); // + the barrier of this count
            assertThat(server.get("/api/club/reports/members", admin).body()).as("no member from a refused body").isEqualTo(membersBefore);

            for (Map.Entry<String, String> e : bodies.entrySet()) {
                String method = e.getKey().substring(0, e.getKey().indexOf(' '));
                String path = e.getKey().substring(method.length() + 1);
                String key = path.startsWith("/api/pos/sales") || path.startsWith("/api/pos/refunds") ? till : admin;
                for (Map.Entry<String, JsonNode> mutated : mutations(JSON.readTree(e.getValue()), "").entrySet()) {
                    check(method, path, key, mutated.getValue().toString(), mutated.getKey());
                }
            }

            JsonNode paths = VafaServer.json(server.get("/api/openapi.json", admin)).get("paths");
            for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    String method = op.getKey().toUpperCase();
                    if (!List.of("GET", "POST", "DELETE").contains(method)) {
                        continue;
                    }
                    for (String odd : ODD_PARAMETERS) {
                        String path = "/api" + p.getKey();
                        List<String> query = new ArrayList<>();
                        for (JsonNode parameter : op.getValue().path("parameters")) {
                            String name = parameter.get("name").asText();
                            if (parameter.path("in").asText().equals("path")) {
                                path = path.replace("{" + name + "}", odd.isEmpty() ? "x" : odd);
                            } else if (parameter.path("in").asText().equals("query")) {
                                query.add(name + "=" + odd);
                            }
                        }
                        check(method, path, admin, method.equals("POST") ? "{}" : null, "parameter " + odd);
                        for (String q : query) {
                            check(method, path + "?" + q, admin, method.equals("POST") ? "{}" : null, "parameter " + odd);
                        }
                    }
                }
            }
            assertThat(requests).as("requests sent").isGreaterThan(3000);
            assertThat(failures).as("answers that are not a 4xx problem or a success").isEmpty();
            assertThat(Files.readString(server.log())).as("no request failed on the server").doesNotContain("REST request failed");
        }
    }

    /** The body with one field (at any depth, first array element) replaced by each bad value, or removed; keyed by the field. */
    private static Map<String, JsonNode> mutations(JsonNode body, String prefix) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (body instanceof ObjectNode object) {
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                String field = prefix + name;
                int i = 0;
                for (JsonNode bad : BAD_VALUES) {
                    ObjectNode copy = object.deepCopy();
                    copy.set(name, bad);
                    out.put(field + " = bad value " + i++, copy);
                }
                ObjectNode without = object.deepCopy();
                without.remove(name);
                out.put(field + " missing", without);
                mutations(object.get(name), field + ".").forEach((inner, value) -> {
                    ObjectNode copy = object.deepCopy();
                    copy.set(name, value);
                    out.put(inner, copy);
                });
            }
        } else if (body instanceof ArrayNode array && !array.isEmpty()) {
            mutations(array.get(0), prefix + "[0].").forEach((inner, value) -> {
                ArrayNode copy = array.deepCopy();
                copy.set(0, value);
                out.put(inner, copy);
            });
        }
        return out;
    }

    private void check(String method, String path, String key, String body, String what) throws Exception {
        requests++;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:8181" + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> answer;
        try {
            answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException closed) {
            // Jetty closes the connection after refusing a URI; the client may have reused it meanwhile: once more
            answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        int status = answer.statusCode();
        // also what the web server refuses itself (a URI too long, an encoded NUL or slash) is a problem
        boolean problem = answer.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
        if (status >= 500 || status >= 400 && !problem || mustRefuse && status < 400) {
            failures.add(status + " " + method + " " + path.substring(0, Math.min(path.length(), 120)) + " (" + what + "): "
                    + answer.body().substring(0, Math.min(answer.body().length(), 200)));
        }
    }
}
