package org.vafa.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The club's member registry through its REST API on the built distribution (the club is a boot
 * feature): Iranian input, search, the member's life cycle, events, scopes, idempotent registration.
 * {@link ClubMembersPostgresIT} runs the same on PostgreSQL.
 */
class ClubMembersIT {

    Map<String, String> serverEnv() throws Exception {
        return Map.of();
    }

    void cleanUp() throws Exception {
    }

    @Test
    void aMemberRegistersIsFoundChangesLeavesAndRejoins() throws Exception {
        try (VafaServer server = VafaServer.fresh(getClass().getSimpleName(), serverEnv())) {
            server.start();
            String key = server.apiKey();
            String sara = """
                    {"firstName": "سارا", "lastName": "احمدي", "mobile": "۰۹۱۲ ۱۲۳ ۴۵۶۷", "birthDate": "۱۳۷۰/۰۵/۱۲",
                     "gender": "female", "city": "تهران", "consents": {"sms": true}}""";
            HttpResponse<String> registered = server.post("/api/club/members", key, sara, "Idempotency-Key", "reg-sara");
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
            JsonNode member = VafaServer.json(registered);
            String id = member.get("id").asText();
            assertThat(registered.headers().firstValue("Location")).hasValue("/api/club/members/" + id);
            assertThat(member.get("mobile").asText()).isEqualTo("+989121234567");
            assertThat(member.at("/birthDate/gregorian").asText()).isEqualTo("1991-08-03");
            assertThat(member.at("/birthDate/jalali").asText()).isEqualTo("1370-05-12");
            assertThat(member.get("status").asText()).isEqualTo("active");
            String card = member.at("/cards/0").asText();

            // the register retries after a timeout: same answer, one member, one event
            HttpResponse<String> retried = server.post("/api/club/members", key, sara, "Idempotency-Key", "reg-sara");
            assertThat(VafaServer.json(retried).get("id").asText()).isEqualTo(id);
            // the same person again, typed another way, without the key: a conflict on the mobile
            HttpResponse<String> again = server.post("/api/club/members", key,
                    "{\"firstName\": \"Sara\", \"lastName\": \"Ahmadi\", \"mobile\": \"+98 912 123 4567\"}");
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(VafaServer.json(again).get("field").asText()).isEqualTo("mobile");
            HttpResponse<String> invalid = server.post("/api/club/members", key,
                    "{\"firstName\": \"X\", \"lastName\": \"Y\", \"mobile\": \"021 8888 7777\"}");
            assertThat(invalid.statusCode()).isEqualTo(400);
            assertThat(VafaServer.json(invalid).get("field").asText()).isEqualTo("mobile");

            assertThat(search(server, "mobile=" + enc("09121234567"))).hasSize(1);
            assertThat(search(server, "card=" + card).get(0).get("id").asText()).isEqualTo(id);
            assertThat(search(server, "name=" + enc("احمدی")).get(0).get("id").asText()).as("Persian yeh finds Arabic yeh").isEqualTo(id);
            assertThat(search(server, "name=" + enc("nobody"))).isEmpty();
            assertThat(server.get("/api/club/members?limit=5", key).statusCode()).isEqualTo(400);
            assertThat(server.get("/api/club/members/" + id, key).statusCode()).isEqualTo(200);
            HttpResponse<String> unknown = server.get("/api/club/members/no-such-id", key);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");

            HttpResponse<String> patched = server.patch("/api/club/members/" + id, key, "{\"city\": \"شیراز\", \"consents\": {\"email\": true}}");
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
            assertThat(VafaServer.json(patched).get("city").asText()).isEqualTo("شیراز");
            assertThat(VafaServer.json(server.post("/api/club/members/" + id + "/leave", key, "")).get("status").asText()).isEqualTo("left");
            assertThat(server.post("/api/club/members/" + id + "/leave", key, "").statusCode()).isEqualTo(409);
            assertThat(VafaServer.json(server.post("/api/club/members/" + id + "/rejoin", key, "")).get("status").asText()).isEqualTo("active");

            assertThat(server.events("club.member.*")).extracting(e -> e.get("type").asText())
                    .containsExactly("club.member.registered", "club.member.updated", "club.member.left", "club.member.rejoined");
            assertThat(server.events("club.member.registered").get(0).at("/data/mobile").asText()).isEqualTo("+989121234567");

            // a register's key (scope pos) cannot manage the club
            Matcher m = Pattern.compile("(vafa_[A-Za-z0-9_-]+)").matcher(server.shell("vafa:apikey-create till-1 pos"));
            assertThat(m.find()).isTrue();
            assertThat(server.get("/api/club/members/" + id, m.group(1)).statusCode()).isEqualTo(403);
        } finally {
            cleanUp();
        }
    }

    @Test
    void pointsAreEarnedOncePerSaleRedeemedWithinTheBalanceAndReversedByRefunds() throws Exception {
        try (VafaServer server = VafaServer.fresh(getClass().getSimpleName() + "-points", serverEnv())) {
            server.start();
            String key = server.apiKey();
            String id = VafaServer.json(server.post("/api/club/members", key,
                    "{\"firstName\": \"Ali\", \"lastName\": \"Karimi\", \"mobile\": \"09121234567\"}")).get("id").asText();
            String points = "/api/club/members/" + id + "/points";

            HttpResponse<String> earned = server.post(points + "/earn", key, "{\"points\": 120, \"source\": \"pos:sale:42\"}");
            assertThat(earned.statusCode()).as(earned.body()).isEqualTo(201);
            HttpResponse<String> replayed = server.post(points + "/earn", key, "{\"points\": 120, \"source\": \"pos:sale:42\"}");
            assertThat(replayed.statusCode()).isEqualTo(200);
            assertThat(VafaServer.json(replayed).get("applied").asBoolean()).isFalse();
            server.post(points + "/earn", key, "{\"points\": 30, \"source\": \"pos:sale:43\", \"releaseAt\": \"2099-01-01T00:00:00+03:30\"}");

            HttpResponse<String> tooMuch = server.post(points + "/redeem", key, "{\"points\": 121, \"source\": \"pos:sale:44\"}");
            assertThat(tooMuch.statusCode()).isEqualTo(409);
            assertThat(VafaServer.json(tooMuch).get("field").asText()).isEqualTo("points");
            assertThat(server.post(points + "/redeem", key, "{\"points\": 100, \"source\": \"pos:sale:44\"}").statusCode()).isEqualTo(201);
            HttpResponse<String> refund = server.post(points + "/reverse", key,
                    "{\"source\": \"pos:sale:44\", \"refund\": \"pos:refund:44-1\", \"fraction\": 0.5}");
            assertThat(refund.statusCode()).as(refund.body()).isEqualTo(201);
            HttpResponse<String> adjust = server.post(points + "/adjust", key, "{\"points\": -5, \"reason\": \"duplicate receipt\"}");
            assertThat(adjust.statusCode()).isEqualTo(201);
            assertThat(server.post(points + "/adjust", key, "{\"points\": 5}").statusCode()).isEqualTo(400);
            assertThat(server.post(points + "/earn", key, "{\"points\": \"many\", \"source\": \"x\"}").statusCode()).isEqualTo(400);

            JsonNode balance = VafaServer.json(server.get(points, key));
            assertThat(balance.get("available").asLong()).isEqualTo(120 - 100 + 50 - 5);
            assertThat(balance.get("pending").asLong()).isEqualTo(30);
            JsonNode history = VafaServer.json(server.get(points + "/history", key));
            assertThat(history.get(0).get("kind").asText()).isEqualTo("ADJUST");
            assertThat(history.get(0).get("operator").asText()).isEqualTo("admin-initial");
            assertThat(server.events("club.points.*")).extracting(e -> e.get("type").asText()).containsExactly(
                    "club.points.earned", "club.points.earned", "club.points.redeemed", "club.points.reversed", "club.points.adjusted");
        } finally {
            cleanUp();
        }
    }

    @Test
    void theProgrammeInForceDecidesThePointsOfAPurchase() throws Exception {
        try (VafaServer server = VafaServer.fresh(getClass().getSimpleName() + "-rules", serverEnv())) {
            server.start();
            String key = server.apiKey();
            String id = VafaServer.json(server.post("/api/club/members", key, "{\"firstName\": \"Ali\", \"lastName\": \"Karimi\","
                    + " \"mobile\": \"09121234567\", \"birthDate\": \"1370-09-03\"}")).get("id").asText();
            String purchase = "{\"currency\": \"IRR\", \"branch\": \"shiraz-1\", \"date\": \"1405-09-03\", \"lines\": ["
                    + "{\"sku\": \"rice\", \"category\": \"grocery\", \"quantity\": 1, \"unitPrice\": 2350000},"
                    + "{\"sku\": \"cigarettes\", \"category\": \"tobacco\", \"quantity\": 2, \"unitPrice\": 800000}]}";
            assertThat(server.post("/api/club/members/" + id + "/points/earn-purchase", key,
                    "{\"source\": \"pos:sale:1\", \"purchase\": " + purchase + "}").statusCode()).as("no programme yet").isEqualTo(409);

            HttpResponse<String> broken = server.put("/api/club/rules", key,
                    "{\"name\": \"x\", \"currency\": \"IRR\", \"earn\": {\"points\": 1, \"per\": 0}}");
            assertThat(broken.statusCode()).isEqualTo(400);
            assertThat(VafaServer.json(broken).get("field").asText()).isEqualTo("earn.per");
            String shop = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("vafa.rules"), "iranian-shop.json"));
            assertThat(server.put("/api/club/rules", key, shop).statusCode()).isEqualTo(200);
            assertThat(VafaServer.json(server.get("/api/club/rules", key)).get("version").asLong()).isPositive();

            JsonNode quote = VafaServer.json(server.post("/api/club/rules/evaluate", key, "{\"purchase\": " + purchase + "}"));
            assertThat(quote.get("points").asLong()).isEqualTo(23);
            HttpResponse<String> earned = server.post("/api/club/members/" + id + "/points/earn-purchase", key,
                    "{\"source\": \"pos:sale:1\", \"purchase\": " + purchase + "}");
            assertThat(earned.statusCode()).as(earned.body()).isEqualTo(201);
            JsonNode earning = VafaServer.json(earned);
            assertThat(earning.get("points").asLong()).as("double on the Jalali birthday").isEqualTo(47);
            assertThat(earning.at("/balance/available").asLong()).isEqualTo(47);
            HttpResponse<String> replay = server.post("/api/club/members/" + id + "/points/earn-purchase", key,
                    "{\"source\": \"pos:sale:1\", \"purchase\": " + purchase + "}");
            assertThat(replay.statusCode()).isEqualTo(200);
            assertThat(VafaServer.json(replay).at("/balance/available").asLong()).isEqualTo(47);
            // the programme's bonuses, paid by the shipped route club-bonuses.camel.yaml
            String aliCode = VafaServer.json(server.get("/api/club/members/" + id, key)).get("referralCode").asText();
            String mina = VafaServer.json(server.post("/api/club/members", key, "{\"firstName\": \"Mina\", \"lastName\": \"Rad\","
                    + " \"mobile\": \"09351112233\", \"referralCode\": \"" + aliCode + "\"}")).get("id").asText();
            awaitEntry(server, mina, "bonus:joining:" + mina, 50);
            assertThat(server.post("/api/club/members/" + mina + "/points/earn-purchase", key,
                    "{\"source\": \"pos:sale:2\", \"purchase\": " + purchase + "}").statusCode()).isEqualTo(201);
            awaitEntry(server, mina, "bonus:referral:new:" + mina, 50);
            awaitEntry(server, id, "bonus:referral:referrer:" + mina, 100);
            assertThat(server.post("/api/club/members/" + mina + "/points/earn-purchase", key,
                    "{\"source\": \"pos:sale:3\", \"purchase\": " + purchase + "}").statusCode()).isEqualTo(201);
            server.awaitHandled("club-referral-bonus"); // the bonus route has seen the second purchase
            JsonNode aliHistory = VafaServer.json(server.get("/api/club/members/" + id + "/points/history", key));
            long referrals = java.util.stream.StreamSupport.stream(aliHistory.spliterator(), false)
                    .filter(e -> e.path("source").asText().startsWith("bonus:referral:")).count();
            assertThat(referrals).as("the referrer is paid once, at the first purchase").isEqualTo(1);

            // tiers: set by hand (honoured when earning), cleared back to what the spend holds; a refund in one go
            HttpResponse<String> manual = server.put("/api/club/members/" + id + "/tier", key, "{\"tier\": \"gold\", \"reason\": \"board member\"}");
            assertThat(manual.statusCode()).as(manual.body()).isEqualTo(200);
            assertThat(VafaServer.json(manual).get("manual").asBoolean()).isTrue();
            JsonNode atGold = VafaServer.json(server.post("/api/club/members/" + id + "/points/earn-purchase", key,
                    "{\"source\": \"pos:sale:4\", \"purchase\": " + purchase + "}"));
            assertThat(atGold.get("points").asLong()).as("gold ×2 and the Jalali birthday ×2").isEqualTo(94);
            assertThat(atGold.get("tier").asText()).isEqualTo("gold");
            assertThat(VafaServer.json(server.delete("/api/club/members/" + id + "/tier", key)).get("tier").asText()).isEqualTo("bronze");
            long before = VafaServer.json(server.get("/api/club/members/" + id + "/points", key)).get("available").asLong();
            HttpResponse<String> refund = server.post("/api/club/members/" + id + "/refund", key,
                    "{\"source\": \"pos:sale:1\", \"refund\": \"pos:refund:1\", \"fraction\": 1}");
            assertThat(refund.statusCode()).as(refund.body()).isEqualTo(201);
            assertThat(VafaServer.json(refund).at("/balance/available").asLong()).isEqualTo(before - 47);
            assertThat(server.events("club.tier.changed")).hasSizeGreaterThanOrEqualTo(2);

            HttpResponse<String> badLine = server.post("/api/club/rules/evaluate", key,
                    "{\"purchase\": {\"currency\": \"IRR\", \"lines\": [{\"sku\": \"a\", \"quantity\": 1, \"unitPrice\": \"cheap\"}]}}");
            assertThat(VafaServer.json(badLine).get("field").asText()).isEqualTo("purchase.lines[0].unitPrice");
        } finally {
            cleanUp();
        }
    }

    /** Waits until the member's ledger has the entry with that source and those points. */
    private static void awaitEntry(VafaServer server, String memberId, String source, long points) throws InterruptedException {
        VafaServer.awaitValue(source + " in the ledger", java.time.Duration.ofSeconds(30),
                () -> VafaServer.json(server.get("/api/club/members/" + memberId + "/points/history", server.apiKey())),
                history -> java.util.stream.StreamSupport.stream(history.spliterator(), false)
                        .anyMatch(e -> e.path("source").asText().equals(source) && e.path("points").asLong() == points));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static JsonNode search(VafaServer server, String query) throws Exception {
        HttpResponse<String> r = server.get("/api/club/members?" + query, server.apiKey());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return VafaServer.json(r);
    }
}
