package org.vafa.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a member has besides points, through the REST API on the built distribution: stored value,
 * vouchers, the rewards catalogue, points as a discount, the reports, the daily routes and the
 * OpenAPI document. {@link ClubLoyaltyPostgresIT} runs the same on PostgreSQL.
 */
class ClubLoyaltyIT {

    Map<String, String> serverEnv() throws Exception {
        return Map.of();
    }

    void cleanUp() throws Exception {
    }

    @Test
    void aMemberPaysWithStoredValueVouchersAndPointsClaimsRewardsAndShowsInTheReports() throws Exception {
        try (VafaServer server = VafaServer.fresh(getClass().getSimpleName(), serverEnv())) {
            server.start();
            String key = server.apiKey();
            String shop = Files.readString(Path.of(System.getProperty("vafa.rules"), "iranian-shop.json"));
            assertThat(server.put("/api/club/rules", key, shop).statusCode()).isEqualTo(200);
            JsonNode sara = VafaServer.json(server.post("/api/club/members", key, "{\"firstName\": \"سارا\", \"lastName\": \"احمدی\","
                    + " \"mobile\": \"09121234567\", \"gender\": \"female\", \"birthDate\": \"1370-05-12\"}"));
            String id = sara.get("id").asText();
            String member = "/api/club/members/" + id;

            // stored value: charge once per payment, spend within the balance, refund at most what was spent
            HttpResponse<String> charged = server.post(member + "/stored-value/charge", key,
                    "{\"amount\": 5000000, \"currency\": \"IRR\", \"source\": \"pay:card:881\"}");
            assertThat(charged.statusCode()).as(charged.body()).isEqualTo(201);
            assertThat(server.post(member + "/stored-value/charge", key,
                    "{\"amount\": 5000000, \"currency\": \"IRR\", \"source\": \"pay:card:881\"}").statusCode()).isEqualTo(200);
            HttpResponse<String> short_ = server.post(member + "/stored-value/spend", key,
                    "{\"amount\": 7000000, \"currency\": \"IRR\", \"source\": \"pos:sale:1\"}");
            assertThat(short_.statusCode()).isEqualTo(409);
            assertThat(short_.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(server.post(member + "/stored-value/spend", key,
                    "{\"amount\": 3000000, \"currency\": \"IRR\", \"source\": \"pos:sale:1\"}").statusCode()).isEqualTo(201);
            HttpResponse<String> overRefund = server.post(member + "/stored-value/refund", key,
                    "{\"source\": \"pos:sale:1\", \"refund\": \"pos:refund:1\", \"amount\": 3000001}");
            assertThat(VafaServer.json(overRefund).get("field").asText()).isEqualTo("amount");
            assertThat(server.post(member + "/stored-value/refund", key,
                    "{\"source\": \"pos:sale:1\", \"refund\": \"pos:refund:1\", \"amount\": 1000000}").statusCode()).isEqualTo(201);
            JsonNode card = VafaServer.json(server.get(member + "/stored-value", key));
            assertThat(card.get("balance").decimalValue()).isEqualByComparingTo("3000000");
            assertThat(card.get("currency").asText()).isEqualTo("IRR");
            assertThat(VafaServer.json(server.get(member + "/stored-value/history", key))).hasSize(3);
            assertThat(server.post(member + "/stored-value/charge", key, "{\"amount\": -1, \"currency\": \"IRR\", \"source\": \"x\"}")
                    .statusCode()).isEqualTo(400);

            // vouchers: a batch for the member, checked without effect, used once, released by the refund
            HttpResponse<String> created = server.post("/api/club/voucher-batches", key, "{\"name\": \"Birthday 20%\","
                    + " \"kind\": \"percent\", \"value\": 20, \"maxDiscount\": 1000000, \"minimumBasket\": 2000000,"
                    + " \"memberIds\": [\"" + id + "\"]}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String batch = VafaServer.json(created).get("id").asText();
            String code = VafaServer.json(server.get("/api/club/voucher-batches/" + batch + "/codes", key)).get(0).get("code").asText();
            assertThat(VafaServer.json(server.get(member + "/vouchers", key)).get(0).get("code").asText()).isEqualTo(code);
            JsonNode check = VafaServer.json(server.post("/api/club/vouchers/" + code + "/check", key,
                    "{\"basketTotal\": 4000000, \"currency\": \"IRR\", \"memberId\": \"" + id + "\"}"));
            assertThat(check.get("usable").asBoolean()).isTrue();
            assertThat(check.get("discount").decimalValue()).isEqualByComparingTo("800000");
            JsonNode bearer = VafaServer.json(server.post("/api/club/vouchers/" + code + "/check", key,
                    "{\"basketTotal\": 4000000, \"currency\": \"IRR\"}"));
            assertThat(bearer.get("usable").asBoolean()).isFalse();
            assertThat(bearer.get("field").asText()).isEqualTo("memberId");
            String redeem = "{\"source\": \"pos:sale:2\", \"basketTotal\": 4000000, \"currency\": \"IRR\", \"memberId\": \"" + id + "\"}";
            assertThat(server.post("/api/club/vouchers/" + code + "/redeem", key, redeem).statusCode()).isEqualTo(201);
            assertThat(server.post("/api/club/vouchers/" + code + "/redeem", key, redeem).statusCode()).as("a retry").isEqualTo(200);
            HttpResponse<String> again = server.post("/api/club/vouchers/" + code + "/redeem", key, redeem.replace("sale:2", "sale:3"));
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(server.post("/api/club/vouchers/" + code + "/release", key,
                    "{\"source\": \"pos:sale:2\", \"refund\": \"pos:refund:2\"}").statusCode()).isEqualTo(201);
            assertThat(VafaServer.json(server.get("/api/club/vouchers/" + code, key)).get("uses").asInt()).isZero();
            assertThat(server.get("/api/club/vouchers/NOPE", key).statusCode()).isEqualTo(404);
            HttpResponse<String> badBatch = server.post("/api/club/voucher-batches", key,
                    "{\"name\": \"x\", \"kind\": \"percent\", \"value\": 150, \"count\": 5}");
            assertThat(VafaServer.json(badBatch).get("field").asText()).isEqualTo("value");

            // points: earned on a purchase, a quote then a discount, a reward claimed and cancelled
            String purchase = "{\"currency\": \"IRR\", \"branch\": \"shiraz-1\", \"lines\": ["
                    + "{\"sku\": \"tv\", \"category\": \"electronics\", \"quantity\": 1, \"unitPrice\": 60000000}]}";
            assertThat(server.post(member + "/points/earn-purchase", key, "{\"source\": \"pos:sale:4\", \"purchase\": " + purchase + "}")
                    .statusCode()).isEqualTo(201);
            long available = VafaServer.json(server.get(member + "/points", key)).get("available").asLong();
            assertThat(available).isGreaterThanOrEqualTo(600);
            JsonNode quote = VafaServer.json(server.post(member + "/points/discount-quote", key,
                    "{\"points\": 250, \"basketTotal\": 10000000, \"currency\": \"IRR\"}"));
            assertThat(quote.get("points").asLong()).isEqualTo(200);
            assertThat(quote.get("amount").decimalValue()).isEqualByComparingTo("2000000");
            HttpResponse<String> discount = server.post(member + "/points/redeem-for-discount", key,
                    "{\"points\": 250, \"basketTotal\": 10000000, \"currency\": \"IRR\", \"source\": \"pos:sale:5\"}");
            assertThat(discount.statusCode()).as(discount.body()).isEqualTo(201);
            assertThat(VafaServer.json(discount).at("/balance/available").asLong()).isEqualTo(available - 200);

            HttpResponse<String> reward = server.post("/api/club/rewards", key, "{\"name\": \"بلیت سینما\", \"pointsCost\": 150, \"stock\": 1}");
            assertThat(reward.statusCode()).as(reward.body()).isEqualTo(201);
            String rewardId = VafaServer.json(reward).get("id").asText();
            HttpResponse<String> claim = server.post(member + "/rewards", key, "{\"rewardId\": \"" + rewardId + "\"}",
                    "Idempotency-Key", "claim-1");
            assertThat(claim.statusCode()).as(claim.body()).isEqualTo(201);
            assertThat(server.post(member + "/rewards", key, "{\"rewardId\": \"" + rewardId + "\"}", "Idempotency-Key", "claim-1")
                    .statusCode()).as("a retried claim is answered, not repeated").isEqualTo(201);
            assertThat(VafaServer.json(server.get(member + "/rewards", key))).hasSize(1);
            HttpResponse<String> soldOut = server.post(member + "/rewards", key, "{\"rewardId\": \"" + rewardId + "\"}");
            assertThat(VafaServer.json(soldOut).get("field").asText()).isEqualTo("quantity");
            String claimId = VafaServer.json(claim).at("/claim/id").asText();
            assertThat(VafaServer.json(server.post("/api/club/reward-claims/" + claimId + "/cancel", key, "")).at("/balance/available")
                    .asLong()).isEqualTo(available - 200);
            assertThat(VafaServer.json(server.get("/api/club/rewards/" + rewardId, key)).get("stock").asInt()).isEqualTo(1);

            // reports
            JsonNode members = VafaServer.json(server.get("/api/club/reports/members", key));
            assertThat(members.get("total").asLong()).isEqualTo(1);
            assertThat(members.at("/byGender/female").asLong()).isEqualTo(1);
            assertThat(members.at("/byTier/silver").asLong()).as("60,000,000 IRR reached silver").isEqualTo(1);
            JsonNode joins = VafaServer.json(server.get("/api/club/reports/joins?calendar=jalali", key));
            assertThat(joins).hasSize(12);
            assertThat(joins.get(11).get("joined").asLong()).isEqualTo(1);
            assertThat(VafaServer.json(server.get("/api/club/reports/joins?calendar=jalali&from=1405-13&to=1405-12", key))
                    .get("field").asText()).isEqualTo("from");
            JsonNode points = VafaServer.json(server.get("/api/club/reports/points", key));
            assertThat(points.get("outstanding").asLong()).isEqualTo(available - 200);
            assertThat(points.get("currency").asText()).isEqualTo("IRR");
            JsonNode rfm = VafaServer.json(server.get("/api/club/reports/rfm", key));
            assertThat(rfm.get("members").asLong()).isEqualTo(1);
            assertThat(rfm.at("/page/0/memberId").asText()).isEqualTo(id);
            assertThat(server.get("/api/club/reports/rfm?months=0", key).statusCode()).isEqualTo(400);

            // the events a route can react to
            assertThat(server.events("club.storedvalue.*")).hasSize(3);
            assertThat(server.events("club.voucher.*")).extracting(e -> e.get("type").asText())
                    .containsExactly("club.voucher.batch-created", "club.voucher.redeemed", "club.voucher.released");
            assertThat(server.events("club.reward.*")).extracting(e -> e.get("type").asText())
                    .containsExactly("club.reward.claimed", "club.reward.cancelled");

            // the operator's view in the shell
            String shown = server.shell("vafa:club-member 09121234567");
            assertThat(shown).contains(id).contains((available - 200) + " available").contains("3000000 IRR").contains("silver");
            assertThat(server.shell("vafa:club-report")).contains("Iranian shop", "Members: 1");

            // the daily jobs are routes an operator can see
            String routes = server.shell("vafa:routes");
            for (String route : List.of("club-expire-points", "club-requalify-tiers", "club-day-gifts", "club-announce-released-points")) {
                assertThat(routes).contains(route);
            }

            // every club endpoint is in the OpenAPI document
            JsonNode openapi = VafaServer.json(server.get("/api/openapi.json", key));
            List<String> operations = new ArrayList<>();
            openapi.get("paths").forEach(path -> path.forEach(op -> operations.add(op.path("operationId").asText())));
            assertThat(operations).contains("api-club-stored-value-charge", "api-club-voucher-batch-create", "api-club-voucher-check",
                    "api-club-reward-claim", "api-club-reward-claim-cancel", "api-club-points-discount-quote",
                    "api-club-points-redeem-discount", "api-club-report-members", "api-club-report-joins", "api-club-report-points",
                    "api-club-report-rfm", "api-club-register", "api-club-refund");
        } finally {
            cleanUp();
        }
    }
}
