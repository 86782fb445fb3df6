package org.vafa.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The registers of a chain on the built distribution: branches and terminals with their own keys,
 * lookup, quote, sales (with vouchers, points and stored value), retries, offline replay, partial and
 * full refunds, and what a terminal's key may not do. {@link PosPostgresIT} runs the same on PostgreSQL.
 */
class PosIT {

    Map<String, String> serverEnv() throws Exception {
        return Map.of();
    }

    void cleanUp() throws Exception {
    }

    private static int status(VafaServer server, String path, String key) {
        try {
            return server.get(path, key).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static String terminalKey(VafaServer server, String admin, String branch, String name) throws Exception {
        HttpResponse<String> created = server.post("/api/pos/branches/" + branch + "/terminals", admin, "{\"name\": \"" + name + "\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return VafaServer.json(created).get("apiKey").asText();
    }

    @Test
    void registersSellAndRefundThroughTheClubOnceEachWithTheirOwnKeys() throws Exception {
        try (VafaServer server = VafaServer.fresh(getClass().getSimpleName(), serverEnv())) {
            server.start();
            String admin = server.apiKey();
            assertThat(server.post("/api/pos/branches", admin, "{\"code\": \"tehran-1\", \"name\": \"شعبه ونک\", \"city\": \"تهران\"}")
                    .statusCode()).isEqualTo(201);
            assertThat(server.post("/api/pos/branches", admin, "{\"code\": \"shiraz-1\", \"name\": \"Shiraz\"}").statusCode()).isEqualTo(201);
            assertThat(VafaServer.json(server.post("/api/pos/branches", admin, "{\"code\": \"Tehran 1\", \"name\": \"x\"}"))
                    .get("field").asText()).isEqualTo("code");
            String till1 = terminalKey(server, admin, "tehran-1", "till-1");
            String till2 = terminalKey(server, admin, "tehran-1", "till-2");
            String shirazTill = terminalKey(server, admin, "shiraz-1", "till-1");

            JsonNode sara = VafaServer.json(server.post("/api/club/members", admin, "{\"firstName\": \"سارا\", \"lastName\": \"احمدی\","
                    + " \"mobile\": \"09121234567\", \"gender\": \"female\"}"));
            String saraId = sara.get("id").asText();
            // the programme after she joined: no joining bonus to wait for
            String shop = Files.readString(Path.of(System.getProperty("vafa.rules"), "iranian-shop.json"));
            assertThat(server.put("/api/club/rules", admin, shop).statusCode()).isEqualTo(200);
            String card = sara.at("/cards/0").asText();
            server.post("/api/club/members/" + saraId + "/points/earn", admin, "{\"points\": 300, \"source\": \"bonus:opening\"}");
            server.post("/api/club/members/" + saraId + "/stored-value/charge", admin,
                    "{\"amount\": 2000000, \"currency\": \"IRR\", \"source\": \"pay:1\"}");
            String batch = VafaServer.json(server.post("/api/club/voucher-batches", admin,
                    "{\"name\": \"Opening\", \"kind\": \"amount\", \"value\": 1000000, \"count\": 1}")).get("id").asText();
            String voucher = VafaServer.json(server.get("/api/club/voucher-batches/" + batch + "/codes", admin)).get(0).get("code").asText();

            // lookup by the card as scanned, in Persian digits
            String persianCard = card.chars().mapToObj(c -> String.valueOf((char) ('۰' + (c - '0')))).reduce("", String::concat);
            HttpResponse<String> looked = server.get("/api/pos/lookup?card=" + URLEncoder.encode(persianCard, StandardCharsets.UTF_8), till1);
            assertThat(looked.statusCode()).as(looked.body()).isEqualTo(200);
            JsonNode view = VafaServer.json(looked);
            assertThat(view.get("id").asText()).isEqualTo(saraId);
            assertThat(view.get("pointsAvailable").asLong()).isEqualTo(300);
            assertThat(view.get("storedValue").decimalValue()).isEqualByComparingTo("2000000");
            assertThat(server.get("/api/pos/lookup?card=6104000000000000", till1).statusCode()).isEqualTo(404);

            String basket = "\"currency\": \"IRR\", \"lines\": ["
                    + "{\"sku\": \"rice-10kg\", \"category\": \"grocery\", \"quantity\": 2, \"unitPrice\": 3500000},"
                    + "{\"sku\": \"cream\", \"category\": \"cosmetics\", \"quantity\": 1, \"unitPrice\": 1000000}]";
            String payWith = ", \"vouchers\": [\"" + voucher + "\"], \"points\": 200, \"storedValue\": 1500000";
            JsonNode quote = VafaServer.json(server.post("/api/pos/quote", till1, "{\"card\": \"" + card + "\", " + basket + payWith + "}"));
            assertThat(quote.get("subtotal").decimalValue()).isEqualByComparingTo("8000000");
            assertThat(quote.get("discounts")).hasSize(2);
            assertThat(quote.get("total").decimalValue()).isEqualByComparingTo("5000000"); // − 1,000,000 voucher − 2,000,000 points
            assertThat(quote.get("amountDue").decimalValue()).isEqualByComparingTo("3500000");
            // the back office (an admin key, no terminal) may price the same basket: no branch, the same answer here
            HttpResponse<String> officeQuote = server.post("/api/pos/quote", admin, "{\"card\": \"" + card + "\", " + basket + payWith + "}");
            assertThat(officeQuote.statusCode()).as(officeQuote.body()).isEqualTo(200);
            assertThat(VafaServer.json(officeQuote).get("amountDue").decimalValue()).isEqualByComparingTo("3500000");
            long earns = quote.get("pointsEarned").asLong();
            assertThat(earns).isPositive();

            // the sale; the register times out and retries with another request id: one sale
            String sale = "{\"receipt\": \"T1-000017\", \"cashier\": \"maryam\", \"card\": \"" + card + "\", " + basket + payWith
                    + ", \"payments\": [{\"method\": \"card\", \"amount\": 3500000}]}";
            HttpResponse<String> sold = server.post("/api/pos/sales", till1, sale, "Idempotency-Key", "req-1");
            assertThat(sold.statusCode()).as(sold.body()).isEqualTo(201);
            JsonNode receipt = VafaServer.json(sold);
            assertThat(receipt.get("pointsEarned").asLong()).isEqualTo(earns);
            assertThat(receipt.get("branch").asText()).isEqualTo("tehran-1");
            HttpResponse<String> retried = server.post("/api/pos/sales", till1, sale, "Idempotency-Key", "req-2");
            assertThat(retried.statusCode()).isEqualTo(200);
            assertThat(VafaServer.json(retried).get("saleId").asText()).isEqualTo(receipt.get("saleId").asText());
            HttpResponse<String> reused = server.post("/api/pos/sales", till1, sale.replace("\"quantity\": 2", "\"quantity\": 3"));
            assertThat(reused.statusCode()).isEqualTo(409);
            assertThat(VafaServer.json(reused).get("field").asText()).isEqualTo("receipt");
            JsonNode after = VafaServer.json(server.get("/api/pos/lookup?memberId=" + saraId, till2));
            assertThat(after.get("pointsAvailable").asLong()).isEqualTo(300 - 200 + earns);
            assertThat(after.get("storedValue").decimalValue()).isEqualByComparingTo("500000");
            assertThat(after.at("/visits/count").asLong()).isEqualTo(1);
            assertThat(after.at("/lastPurchases/0/receipt").asText()).isEqualTo("T1-000017");
            assertThat(after.at("/favouriteCategories/0/category").asText()).isEqualTo("grocery");

            // bad input changes nothing
            HttpResponse<String> badPayments = server.post("/api/pos/sales", till1, "{\"receipt\": \"T1-000018\", " + basket
                    + ", \"payments\": [{\"method\": \"cash\", \"amount\": 1}]}");
            assertThat(VafaServer.json(badPayments).get("field").asText()).isEqualTo("payments");
            HttpResponse<String> badLine = server.post("/api/pos/sales", till1, "{\"receipt\": \"T1-000018\", \"currency\": \"IRR\","
                    + " \"lines\": [{\"sku\": \"x\", \"quantity\": -1, \"unitPrice\": 5}]}");
            assertThat(badLine.statusCode()).isEqualTo(400);
            assertThat(VafaServer.json(badLine).get("field").asText()).isEqualTo("lines[0].quantity");
            HttpResponse<String> usedVoucher = server.post("/api/pos/sales", till1, "{\"receipt\": \"T1-000018\", \"card\": \"" + card
                    + "\", " + basket + ", \"vouchers\": [\"" + voucher + "\"]}");
            assertThat(usedVoucher.statusCode()).isEqualTo(409);
            assertThat(VafaServer.json(usedVoucher).get("field").asText()).isEqualTo("vouchers[0]");
            assertThat(server.get("/api/pos/sales/tehran-1-till-1/T1-000018", till1).statusCode()).as("no half-made sale").isEqualTo(404);

            // an anonymous sale, and an offline register posting yesterday's queued sales in order
            assertThat(server.post("/api/pos/sales", till2, "{\"receipt\": \"T2-1\", " + basket + "}").statusCode()).isEqualTo(201);
            String yesterday = Instant.now().minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
            for (int i = 1; i <= 3; i++) {
                HttpResponse<String> queued = server.post("/api/pos/sales", shirazTill, "{\"receipt\": \"S1-" + i + "\", \"soldAt\": \""
                        + yesterday + "\", \"mobile\": \"۰۹۱۲۱۲۳۴۵۶۷\", " + basket + "}");
                assertThat(queued.statusCode()).as(queued.body()).isEqualTo(201);
                assertThat(VafaServer.json(queued).get("soldAt").asText()).isEqualTo(yesterday);
            }

            // refunds: one line, then the rest; never more than sold, never twice
            HttpResponse<String> partial = server.post("/api/pos/refunds", till2, "{\"terminal\": \"tehran-1-till-1\","
                    + " \"receipt\": \"T1-000017\", \"refund\": \"R1\", \"lines\": [{\"sku\": \"rice-10kg\", \"quantity\": 1}]}");
            assertThat(partial.statusCode()).as(partial.body()).isEqualTo(201);
            JsonNode r1 = VafaServer.json(partial);
            assertThat(r1.get("amount").decimalValue()).isEqualByComparingTo("2187500"); // 3,500,000 × 5/8
            assertThat(r1.get("pointsGivenBack").asLong()).isPositive();
            assertThat(r1.get("vouchersReleased")).isEmpty();
            assertThat(server.post("/api/pos/refunds", till2, "{\"terminal\": \"tehran-1-till-1\", \"receipt\": \"T1-000017\","
                    + " \"refund\": \"R1\", \"lines\": [{\"sku\": \"rice-10kg\", \"quantity\": 1}]}").statusCode()).isEqualTo(200);
            HttpResponse<String> tooMuch = server.post("/api/pos/refunds", till1, "{\"receipt\": \"T1-000017\", \"refund\": \"R2\","
                    + " \"lines\": [{\"sku\": \"rice-10kg\", \"quantity\": 2}]}");
            assertThat(VafaServer.json(tooMuch).get("field").asText()).isEqualTo("lines[0].quantity");
            HttpResponse<String> rest = server.post("/api/pos/refunds", till1, "{\"receipt\": \"T1-000017\", \"refund\": \"R2\"}");
            assertThat(rest.statusCode()).as(rest.body()).isEqualTo(201);
            JsonNode r2 = VafaServer.json(rest);
            assertThat(r2.get("wholeSaleRefunded").asBoolean()).isTrue();
            assertThat(r2.get("vouchersReleased").get(0).asText()).isEqualTo(voucher);
            assertThat(r1.get("amount").decimalValue().add(r2.get("amount").decimalValue())).isEqualByComparingTo("5000000");
            assertThat(r1.get("storedValueRefunded").decimalValue().add(r2.get("storedValueRefunded").decimalValue()))
                    .isEqualByComparingTo("1500000");
            assertThat(server.post("/api/pos/refunds", till1, "{\"receipt\": \"T1-000017\", \"refund\": \"R3\", \"amount\": 1}")
                    .statusCode()).isEqualTo(400);
            JsonNode history = VafaServer.json(server.get("/api/club/members/" + saraId + "/points/history", admin));
            long offlineEarned = 0;
            int offlineSales = 0;
            for (JsonNode entry : history) {
                if (entry.get("kind").asText().equals("EARN") && entry.get("source").asText().startsWith("pos:shiraz-1-till-1:")) {
                    offlineEarned += entry.get("points").asLong();
                    offlineSales++;
                }
            }
            assertThat(offlineSales).as("the offline sales earned").isEqualTo(3);
            assertThat(VafaServer.json(server.get("/api/club/members/" + saraId + "/points", admin)).get("available").asLong())
                    .as("the refunded sale's points are all back where they were").isEqualTo(300 + offlineEarned);

            // what a terminal's key may not do
            assertThat(server.get("/api/club/members/" + saraId, till1).statusCode()).isEqualTo(403);
            assertThat(server.get("/api/admin/events", till1).statusCode()).isEqualTo(403);
            assertThat(server.post("/api/pos/branches", till1, "{\"code\": \"x\", \"name\": \"x\"}").statusCode()).isEqualTo(403);
            assertThat(server.get("/api/pos/branches", till1).statusCode()).isEqualTo(403);
            assertThat(server.get("/api/pos/sales/tehran-1-till-1/T1-000017", shirazTill).statusCode()).as("another branch's sale")
                    .isEqualTo(404);
            assertThat(server.post("/api/pos/refunds", shirazTill, "{\"terminal\": \"tehran-1-till-1\", \"receipt\": \"T2-1\","
                    + " \"refund\": \"X\"}").statusCode()).isEqualTo(400);
            assertThat(server.get("/api/pos/sales/tehran-1-till-1/T1-000017", till2).statusCode()).as("same branch").isEqualTo(200);
            assertThat(server.post("/api/pos/sales", admin, "{\"receipt\": \"A\", " + basket + "}").statusCode())
                    .as("sales need a register's key").isEqualTo(403);

            assertThat(server.events("pos.sale.*")).extracting(e -> e.get("type").asText()).containsExactly("pos.sale.completed",
                    "pos.sale.completed", "pos.sale.completed", "pos.sale.completed", "pos.sale.completed", "pos.sale.refunded",
                    "pos.sale.refunded");
            // the notification routes wait for the CRM and SMS plugins: their subscriptions hold the events
            assertThat(server.shell("vafa:subscriptions")).contains("pos-sale-to-timeline", "pos-sale-sms");
            assertThat(server.shell("vafa:routes")).contains("pos-complete-pending-sales");

            // the club plugin stopped (an upgrade): plain sales go on, member sales are refused whole, then work again
            server.shell("bundle:stop org.vafa.club");
            VafaServer.await("the club gone", Duration.ofSeconds(20),
                    () -> status(server, "/api/pos/lookup?memberId=" + saraId, till1) == 503);
            assertThat(server.post("/api/pos/sales", till1, "{\"receipt\": \"T1-000019\", " + basket + "}").statusCode()).isEqualTo(201);
            String memberSale = "{\"receipt\": \"T1-000020\", \"card\": \"" + card + "\", " + basket + "}";
            HttpResponse<String> noClub = server.post("/api/pos/sales", till1, memberSale);
            assertThat(noClub.statusCode()).isEqualTo(503);
            assertThat(noClub.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            server.shell("bundle:start org.vafa.club");
            VafaServer.await("the club back", Duration.ofSeconds(30),
                    () -> status(server, "/api/pos/lookup?memberId=" + saraId, till1) == 200);
            HttpResponse<String> again = server.post("/api/pos/sales", till1, memberSale);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
            assertThat(VafaServer.json(again).get("memberId").asText()).isEqualTo(saraId);

            // the Nordy Club in force: paid with the Nordstrom card, the same coat earns double (120 × 2), with cash once
            String nordstrom = Files.readString(Path.of(System.getProperty("vafa.rules"), "nordstrom.json"));
            assertThat(server.put("/api/club/rules", admin, nordstrom).statusCode()).isEqualTo(200);
            String coat = "\"card\": \"" + card + "\", \"currency\": \"USD\", \"lines\": [{\"sku\": \"coat\", \"quantity\": 1,"
                    + " \"unitPrice\": 120}], \"payments\": [{\"method\": \"";
            HttpResponse<String> onTheCard = server.post("/api/pos/sales", till1, "{\"receipt\": \"T1-N1\", " + coat
                    + "nordstrom-card\", \"amount\": 120}]}");
            assertThat(onTheCard.statusCode()).as(onTheCard.body()).isEqualTo(201);
            assertThat(VafaServer.json(onTheCard).get("pointsEarned").asLong()).isEqualTo(240);
            HttpResponse<String> inCash = server.post("/api/pos/sales", till1, "{\"receipt\": \"T1-N2\", " + coat + "cash\", \"amount\": 120}]}");
            assertThat(VafaServer.json(inCash).get("pointsEarned").asLong()).isEqualTo(120);
            // a negative part that would pass the sum's check and double a made-up card share is refused, nothing applied
            HttpResponse<String> inflated = server.post("/api/pos/sales", till1, "{\"receipt\": \"T1-N9\", " + coat
                    + "nordstrom-card\", \"amount\": 100000}, {\"method\": \"cash\", \"amount\": -99880}]}");
            assertThat(inflated.statusCode()).isEqualTo(400);
            assertThat(VafaServer.json(inflated).get("field").asText()).isEqualTo("payments[1].amount");
            // a $2,000 coat on the card: 4,000 points more, and every 2,000 of her balance became a $20 Note by itself, texted
            int held = VafaServer.json(server.get("/api/club/members/" + saraId + "/vouchers", admin)).size();
            HttpResponse<String> big = server.post("/api/pos/sales", till1, "{\"receipt\": \"T1-N3\", " + coat.replace("\"unitPrice\": 120",
                    "\"unitPrice\": 2000") + "nordstrom-card\", \"amount\": 2000}]}");
            assertThat(VafaServer.json(big).get("pointsEarned").asLong()).as(big.body()).isEqualTo(4000);
            assertThat(VafaServer.json(server.get("/api/club/members/" + saraId + "/points", admin)).path("available").asLong())
                    .as("what is left is less than a Note").isLessThan(2000);
            JsonNode notes = VafaServer.json(server.get("/api/club/members/" + saraId + "/vouchers", admin));
            assertThat(notes.size() - held).as("at least the two Notes of the 4,000 points").isGreaterThanOrEqualTo(2);
            VafaServer.await("the Note texted", Duration.ofSeconds(30), () -> {
                try {
                    return VafaServer.json(server.get("/api/sms/messages?memberId=" + saraId, admin)).findValuesAsText("type")
                            .contains("reward-note");
                } catch (Exception e) {
                    return false;
                }
            });
        } finally {
            cleanUp();
        }
    }

    /**
     * kill -9 while a register is selling, then the register's retries with the same Idempotency-Keys after the
     * restart: every sale ends recorded exactly once — those that were answered, those that were cut off
     * after the club committed, and those that never reached the server — none stuck behind a 409.
     */
    @Test
    void aRegistersRetriesAfterACrashEndInExactlyOneSaleEach() throws Exception {
        try (VafaServer server = VafaServer.fresh(getClass().getSimpleName() + "-crash", serverEnv())) {
            server.start();
            String admin = server.apiKey();
            assertThat(server.post("/api/pos/branches", admin, "{\"code\": \"b1\", \"name\": \"Branch\"}").statusCode()).isEqualTo(201);
            String till = terminalKey(server, admin, "b1", "till-1");
            String card = VafaServer.json(server.post("/api/club/members", admin, "{\"firstName\": \"Sara\", \"lastName\": \"Ahmadi\","
                    + " \"mobile\": \"09121234567\"}")).at("/cards/0").asText();
            String shop = Files.readString(Path.of(System.getProperty("vafa.rules"), "iranian-shop.json"));
            assertThat(server.put("/api/club/rules", admin, shop).statusCode()).isEqualTo(200);
            int total = 40;
            java.util.function.IntFunction<String> sale = i -> "{\"receipt\": \"R" + i + "\", \"card\": \"" + card
                    + "\", \"currency\": \"IRR\", \"lines\": [{\"sku\": \"rice\", \"category\": \"grocery\", \"quantity\": 1,"
                    + " \"unitPrice\": 2350000}]}";
            java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
            Thread register = new Thread(() -> {
                for (int i = 0; i < total; i++) {
                    try {
                        server.post("/api/pos/sales", till, sale.apply(i), "Idempotency-Key", "sale-R" + i);
                        answered.incrementAndGet();
                    } catch (Exception serverGone) {
                        return; // the register goes on after the restart
                    }
                }
            });
            register.start();
            VafaServer.await("some sales answered", Duration.ofSeconds(60), () -> answered.get() >= 10);
            server.kill9();
            register.join(60_000);
            server.start();

            long pointsEarned = 0;
            for (int i = 0; i < total; i++) {
                HttpResponse<String> retried = null;
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (System.nanoTime() < deadline) {
                    retried = server.post("/api/pos/sales", till, sale.apply(i), "Idempotency-Key", "sale-R" + i);
                    if (retried.statusCode() != 409) {
                        break;
                    }
                    // the claim of the request the crash cut off: held until its lease runs out (Retry-After)
                    Thread.sleep(1000L * Long.parseLong(retried.headers().firstValue("Retry-After").orElse("1")));
                }
                assertThat(retried.statusCode()).as("R%d: %s", i, retried.body()).isIn(200, 201);
                assertThat(VafaServer.json(retried).get("receipt").asText()).isEqualTo("R" + i);
                pointsEarned += VafaServer.json(retried).get("pointsEarned").asLong();
            }
            java.util.List<JsonNode> completed = server.events("pos.sale.completed");
            assertThat(completed.stream().map(e -> e.at("/data/receipt").asText()).toList())
                    .as("one completed sale per receipt").hasSize(total).doesNotHaveDuplicates();
            String memberId = completed.get(0).at("/data/memberId").asText();
            assertThat(VafaServer.json(server.get("/api/club/members/" + memberId + "/points", admin)).get("lifetimeEarned").asLong())
                    .as("the club earned each sale once").isEqualTo(pointsEarned);
        } finally {
            cleanUp();
        }
    }
}
