package org.vafa.itest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vafa.shop.woocommerce.WooCommerceApiServer;

/**
 * The shop on the built distribution: an ERP's stock figures change availability at once and a WooCommerce store (a
 * local server that follows its documented API) shows the product out of stock at zero and in stock when it returns;
 * a store that is down gets the final state once it is back; an ERP's own stock table in MariaDB is read as it changes.
 * {@link ShopPostgresIT} runs the same on PostgreSQL.
 */
class ShopIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    Map<String, String> serverEnv() throws Exception {
        return Map.of();
    }

    void cleanUp() throws Exception {
    }

    @Test
    void stockReachesTheStorefrontAtOnceAndAfterAnOutageOnlyTheFinalStateIsSent() throws Exception {
        try (WooCommerceApiServer store = new WooCommerceApiServer("ck_live", "cs_secret");
             VafaServer server = VafaServer.fresh(getClass().getSimpleName(), serverEnv())) {
            store.add("RUG-1");
            store.add("TEA-1");
            server.start();
            String admin = server.apiKey();
            String erp = VafaServer.json(server.post("/api/admin/keys", admin, "{\"name\": \"erp\", \"scopes\": [\"erp\"]}")).get("key").asText();
            String storefront = VafaServer.json(server.post("/api/admin/keys", admin, "{\"name\": \"site\", \"scopes\": [\"shop\"]}"))
                    .get("key").asText();

            // the ERP's key may push products and stock, and nothing else
            assertThat(server.post("/api/shop/products", erp, "{\"sku\": \"RUG-1\", \"name\": \"فرش\", \"nameEn\": \"Rug\", \"price\": 30000000,"
                    + " \"category\": \"home\"}").statusCode()).isEqualTo(201);
            assertThat(server.post("/api/shop/products", erp, "{\"sku\": \"TEA-1\", \"name\": \"چای\", \"price\": 250000}").statusCode())
                    .isEqualTo(201);
            assertThat(server.get("/api/shop/availability?skus=RUG-1", erp).statusCode()).isEqualTo(403);
            assertThat(server.get("/api/club/members", erp).statusCode()).isEqualTo(403);
            HttpResponse<String> bad = server.post("/api/shop/stock", erp, "[{\"sku\": \"RUG-1\", \"quantity\": 2}, {\"sku\": \"TEA-1\","
                    + " \"quantity\": \"many\"}]");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(VafaServer.json(bad).get("field").asText()).isEqualTo("[1].quantity");
            assertThat(VafaServer.json(server.get("/api/shop/availability?skus=RUG-1,TEA-1", storefront))).as("nothing changed").isEmpty();

            // the store is configured while the server runs
            Files.writeString(server.home.resolve("etc/org.vafa.shop.woocommerce.cfg"), "url = " + store.url() + "\nconsumerKey = ck_live\n"
                    + "consumerSecret = cs_secret\n");
            server.shell("feature:install vafa-shop-woocommerce");
            VafaServer.await("the WooCommerce adapter installed", WAIT, () -> installed(server, admin));

            assertThat(server.post("/api/shop/stock", erp, "[{\"sku\": \"RUG-1\", \"quantity\": 2, \"sequence\": 1},"
                    + " {\"sku\": \"TEA-1\", \"warehouse\": \"tabriz\", \"quantity\": 5, \"sequence\": 1}]").statusCode()).isEqualTo(200);
            VafaServer.await("both in stock at the store", WAIT, () -> "instock".equals(store.product("RUG-1").stockStatus())
                    && "instock".equals(store.product("TEA-1").stockStatus()));
            assertThat(store.product("TEA-1").stockQuantity()).isEqualTo(5);

            // sold out: out of stock at once; an older figure arriving late changes nothing
            assertThat(VafaServer.json(server.post("/api/shop/stock", erp, "{\"sku\": \"RUG-1\", \"quantity\": 0, \"sequence\": 2}"))
                    .at("/changed/0/status").asText()).isEqualTo("outofstock");
            VafaServer.await("the rug out of stock at the store", WAIT, () -> "outofstock".equals(store.product("RUG-1").stockStatus()));
            assertThat(VafaServer.json(server.post("/api/shop/stock", erp, "{\"sku\": \"RUG-1\", \"quantity\": 9, \"sequence\": 1}"))
                    .get("stale").asInt()).isEqualTo(1);
            JsonNode availability = VafaServer.json(server.get("/api/shop/availability?skus=RUG-1,TEA-1,NOPE", storefront));
            assertThat(availability.findValuesAsText("status")).containsExactly("outofstock", "instock");

            // the store is down while the rug comes back and sells out and comes back again: once it is up, the final state, once
            store.failWith(503);
            int before = store.updates().size();
            for (int i = 0; i < 6; i++) {
                server.post("/api/shop/stock", erp, "{\"sku\": \"RUG-1\", \"quantity\": " + (i % 2 == 0 ? 3 : 0) + ", \"sequence\": " + (3 + i)
                        + "}");
            }
            VafaServer.await("the outage seen", WAIT, () -> pending(server, admin) > 0);
            // every change marked before the store comes back: a change handled later is sent again, as it should be
            server.awaitHandled("stock-to-storefront");
            store.failWith(0);
            server.post("/api/shop/storefronts/woocommerce/retry", admin, "");
            VafaServer.await("the store told", Duration.ofSeconds(90), () -> pending(server, admin) == 0
                    && store.updates().size() > before);
            assertThat(store.product("RUG-1").stockStatus()).isEqualTo("outofstock"); // the last figure was 0
            assertThat(store.updates().subList(before, store.updates().size())).as("once, the final state")
                    .singleElement().satisfies(u -> assertThat(u.stockStatus()).isEqualTo("outofstock"));

            // an ERP's own stock table in MariaDB, read from where it stopped: zero there is out of stock at the store
            String erpDb = "vafa_erp_" + getClass().getSimpleName().toLowerCase();
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
                 java.sql.Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + erpDb);
                st.execute("CREATE DATABASE " + erpDb);
                st.execute("CREATE TABLE " + erpDb + ".erp_stock (sku VARCHAR(100), warehouse VARCHAR(60), qty DECIMAL(19, 3),"
                        + " row_version BIGINT, PRIMARY KEY (sku, warehouse))");
                st.execute("INSERT INTO " + erpDb + ".erp_stock VALUES ('KETTLE-1', 'main', 4, 10)");
            }
            store.add("KETTLE-1");
            server.post("/api/shop/products", erp, "{\"sku\": \"KETTLE-1\", \"name\": \"کتری\", \"price\": 2000000}");
            Files.writeString(server.home.resolve("etc/org.vafa.shop.erp.sql.cfg"), "url = jdbc:mariadb://127.0.0.1:3306/" + erpDb
                    + "\nuser = root\n");
            server.shell("feature:install vafa-shop-erp-sql");
            VafaServer.await("the kettle in stock from the ERP's table", WAIT, () -> store.product("KETTLE-1").stockQuantity() == 4);
            erp(erpDb, "UPDATE erp_stock SET qty = 0, row_version = 11 WHERE sku = 'KETTLE-1'");
            VafaServer.await("the kettle out of stock", WAIT, () -> "outofstock".equals(store.product("KETTLE-1").stockStatus()));
            erp(erpDb, "UPDATE erp_stock SET qty = 2, row_version = 12 WHERE sku = 'KETTLE-1'");
            VafaServer.await("the kettle back in stock", WAIT, () -> "instock".equals(store.product("KETTLE-1").stockStatus()));
            try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
                 java.sql.Statement st = c.createStatement()) {
                st.execute("DROP DATABASE " + erpDb);
            }

            // an ERP's Kafka topic (a real broker): stock figures keyed by SKU, an older one and a malformed one among them
            try (org.vafa.kafka.KafkaBroker kafka = org.vafa.kafka.KafkaBroker.fresh(java.nio.file.Path.of(System.getProperty("vafa.work"), "kafka-" + getClass().getSimpleName()))) {
                store.add("LAMP-1");
                server.post("/api/shop/products", erp, "{\"sku\": \"LAMP-1\", \"name\": \"چراغ\", \"price\": 900000}");
                kafka.send("erp.stock", "LAMP-1", "{\"sku\": \"LAMP-1\", \"quantity\": 3, \"sequence\": 1}");
                Files.writeString(server.home.resolve("etc/org.vafa.shop.erp.kafka.cfg"), "bootstrapServers = " + kafka.bootstrap() + "\n");
                server.shell("feature:install vafa-shop-erp-kafka");
                VafaServer.await("the lamp in stock from the topic", WAIT, () -> Integer.valueOf(3).equals(store.product("LAMP-1").stockQuantity()));
                kafka.send("erp.stock", "LAMP-1", "{\"sku\": \"LAMP-1\", \"quantity\": 0, \"sequence\": 2}", "LAMP-1", "not json",
                        "LAMP-1", "{\"sku\": \"LAMP-1\", \"quantity\": 8, \"sequence\": 1}");
                VafaServer.await("the lamp out of stock", WAIT, () -> "outofstock".equals(store.product("LAMP-1").stockStatus()));
                kafka.send("erp.stock", "LAMP-1", "{\"sku\": \"LAMP-1\", \"quantity\": 2, \"sequence\": 3}");
                VafaServer.await("the lamp back in stock", WAIT, () -> "instock".equals(store.product("LAMP-1").stockStatus()));
                assertThat(store.product("LAMP-1").stockQuantity()).as("the older figure (8) never won").isEqualTo(2);
                // the feed commits what it applied: the group's offsets reach the topic's end
                VafaServer.await("the offsets committed", WAIT, () -> {
                    try {
                        return kafka.committed("vafa-shop-stock", "erp.stock") == kafka.end("erp.stock");
                    } catch (Exception e) {
                        return false;
                    }
                });
            }

            // Torob reads the catalogue with its signed token: prices in Toman, a sold-out product stays in, unavailable
            java.security.KeyPair torob = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.writeString(server.home.resolve("etc/org.vafa.shop.torob.cfg"), "publicKey = "
                    + java.util.Base64.getEncoder().encodeToString(torob.getPublic().getEncoded()) + "\naudience = shop.example.com\n"
                    + "productUrl = https://shop.example.com/product/{sku}\n");
            String torobPage = "{\"page\": 1, \"sort\": \"date_added_desc\"}";
            JsonNode feed = VafaServer.awaitValue("the Torob feed", WAIT, () -> VafaServer.json(server.post("/api/public/shop/torob/products",
                    null, torobPage, "X-Torob-Token", torobToken(torob, "shop.example.com"), "X-Torob-Token-Version", "1")),
                    f -> f.has("products"));
            assertThat(feed.get("api_version").asText()).isEqualTo("torob_api_v3");
            JsonNode rugRow = feed.get("products").findParents("page_unique").stream().filter(p -> p.get("page_unique").asText().equals("RUG-1"))
                    .findFirst().orElseThrow();
            assertThat(rugRow.get("current_price").isIntegralNumber()).isTrue();
            assertThat(rugRow.get("current_price").asLong()).as("30,000,000 IRR in Toman").isEqualTo(3_000_000);
            assertThat(rugRow.get("availability").asBoolean()).as("the rug is sold out").isFalse();
            assertThat(rugRow.get("page_url").asText()).isEqualTo("https://shop.example.com/product/RUG-1");
            JsonNode byUrl = VafaServer.json(server.post("/api/public/shop/torob/products", null,
                    "{\"page_urls\": [\"https://shop.example.com/product/LAMP-1\"]}", "X-Torob-Token", torobToken(torob, "shop.example.com")));
            assertThat(byUrl.at("/products/0/page_unique").asText()).isEqualTo("LAMP-1");
            assertThat(byUrl.at("/products/0/availability").asBoolean()).isTrue();
            assertThat(server.post("/api/public/shop/torob/products", null, torobPage).statusCode()).as("no token").isEqualTo(401);
            assertThat(server.post("/api/public/shop/torob/products", null, torobPage, "X-Torob-Token", torobToken(torob, "another-shop.ir"))
                    .statusCode()).as("a token for another shop").isEqualTo(401);
            assertThat(server.post("/api/public/shop/torob/products", null, torobPage, "X-Torob-Token",
                    torobToken(java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), "shop.example.com")).statusCode())
                    .as("signed by another key").isEqualTo(401);

            // a product the store does not sell is parked with its reason
            server.post("/api/shop/products", erp, "{\"sku\": \"PEN-1\", \"name\": \"خودکار\", \"price\": 50000}");
            server.post("/api/shop/stock", erp, "{\"sku\": \"PEN-1\", \"quantity\": 10}");
            JsonNode parked = VafaServer.awaitValue("the pen parked", WAIT, () -> VafaServer.json(server.get("/api/shop/storefronts", admin)),
                    s -> s.toString().contains("PEN-1"));
            assertThat(parked.toString()).contains("WooCommerce has no product with SKU PEN-1");

            // any other storefront: a signed POST; installed now, it is told the whole catalogue's availability first
            java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
            com.sun.net.httpserver.HttpServer site = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            site.createContext("/stock", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String signature = exchange.getRequestHeaders().getFirst("X-Vafa-Signature");
                if (signature != null && java.security.MessageDigest.isEqual(("sha256=" + hmacHex("wh-secret", body)).getBytes(),
                        signature.getBytes())) {
                    received.add(new String(body, java.nio.charset.StandardCharsets.UTF_8));
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            site.start();
            try {
                Files.writeString(server.home.resolve("etc/org.vafa.shop.webhook.cfg"), "url = http://127.0.0.1:" + site.getAddress().getPort()
                        + "/stock\nsecret = wh-secret\n");
                server.shell("feature:install vafa-shop-webhook");
                VafaServer.await("the catalogue at the other storefront", WAIT, () -> String.join("", received).contains("PEN-1")
                        && String.join("", received).contains("KETTLE-1"));
                assertThat(String.join("", received)).contains("\"sku\":\"RUG-1\",\"quantity\":0,\"status\":\"outofstock\"");
            } finally {
                site.stop(0);
            }
        } finally {
            cleanUp();
        }
    }

    @Test
    void aStorefrontOrderReachesTheClubAndTheCrmOnceHoldsStockAndItsCancellationReversesEachPart() throws Exception {
        String hook = "wc-hook-secret";
        try (WooCommerceApiServer store = new WooCommerceApiServer("ck_live", "cs_secret");
             VafaServer server = VafaServer.fresh(getClass().getSimpleName() + "Orders", serverEnv())) {
            store.add("RUG-1");
            server.start();
            String admin = server.apiKey();
            String rules = Files.readString(java.nio.file.Path.of(System.getProperty("vafa.rules"), "iranian-shop.json"));
            assertThat(server.put("/api/club/rules", admin, rules).statusCode()).isEqualTo(200);
            server.post("/api/shop/products", admin, "{\"sku\": \"RUG-1\", \"name\": \"فرش\", \"price\": 30000000}");
            server.post("/api/shop/stock", admin, "{\"sku\": \"RUG-1\", \"quantity\": 1}");
            Files.writeString(server.home.resolve("etc/org.vafa.shop.woocommerce.cfg"), "url = " + store.url() + "\nconsumerKey = ck_live\n"
                    + "consumerSecret = cs_secret\nwebhookSecret = " + hook + "\nreconcileSeconds = 2\n");
            server.shell("feature:install vafa-shop-woocommerce");
            VafaServer.await("the WooCommerce adapter installed", WAIT, () -> installed(server, admin));
            VafaServer.await("the rug in stock at the store", WAIT, () -> "instock".equals(store.product("RUG-1").stockStatus()));
            String webhook = "http://localhost:8181/api/public/shop/woocommerce/orders";

            // saving the webhook in WooCommerce sends an unsigned ping: answered 200, nothing else
            VafaServer.await("the ping answered", WAIT, () -> {
                try {
                    return store.ping(webhook) == 200;
                } catch (Exception e) {
                    return false;
                }
            });

            // a new customer buys the last rug; a delivery with a wrong signature is refused and changes nothing
            com.fasterxml.jackson.databind.node.ObjectNode order = store.placeOrder(5001, "processing", "0912 345 6789", "neda@example.com",
                    "ندا", "کریمی", java.util.List.<Object[]>of(new Object[] {"RUG-1", 1, 30000000}));
            order.put("payment_method", "cod"); // cash on delivery, as WooCommerce names it: the club's programme may earn by it
            assertThat(store.deliver(webhook, "order.created", order, "not-the-secret")).isEqualTo(401);
            assertThat(VafaServer.json(server.get("/api/shop/orders", admin))).isEmpty();
            assertThat(VafaServer.json(server.get("/api/club/members?mobile=09123456789", admin))).isEmpty();

            // the good delivery, twice (WooCommerce's delivery id differs each time): one order, one member, one proforma
            assertThat(store.deliver(webhook, "order.created", order, hook)).isEqualTo(200);
            assertThat(store.deliver(webhook, "order.created", order, hook)).isEqualTo(200);
            JsonNode held = VafaServer.json(server.get("/api/shop/orders/woocommerce-5001", admin));
            assertThat(held.get("status").asText()).isEqualTo("placed");
            assertThat(server.events("shop.order.placed")).singleElement().satisfies(e ->
                    assertThat(e.at("/data/paymentMethod").asText()).isEqualTo("cod"));
            assertThat(held.at("/reserved/0/quantity").asInt()).isEqualTo(1);
            // the last rug is held for the order: out of stock at the store at once
            VafaServer.await("the rug out of stock at the store", WAIT, () -> "outofstock".equals(store.product("RUG-1").stockStatus()));

            JsonNode member = VafaServer.awaitValue("the customer in the club", WAIT,
                    () -> VafaServer.json(server.get("/api/club/members?mobile=09123456789", admin)), m -> m.size() == 1).get(0);
            String neda = member.get("id").asText();
            assertThat(member.get("status").asText()).isEqualTo("pending_verification");
            assertThat(member.get("firstName").asText()).isEqualTo("ندا");
            // 30,000,000 IRR at 1 point per 100,000: 300 points, pending for the 14-day return window
            JsonNode points = VafaServer.awaitValue("the order's points", WAIT,
                    () -> VafaServer.json(server.get("/api/club/members/" + neda + "/points", admin)), p -> p.get("pending").asLong() > 0);
            assertThat(points.get("pending").asLong()).isEqualTo(300);
            JsonNode proformas = VafaServer.awaitValue("the proforma", WAIT, () -> proformasOf(server, admin, "woocommerce-5001"),
                    d -> d.size() == 1);
            assertThat(proformas.get(0).get("total").decimalValue()).isPositive();
            JsonNode tasks = VafaServer.awaitValue("the verification call and the proforma follow-up", WAIT,
                    () -> VafaServer.json(server.get("/api/crm/tasks?memberId=" + neda, admin)), t -> t.size() >= 2);
            assertThat(tasks.findValuesAsText("kind")).containsExactlyInAnyOrder("verification-call", "proforma-follow-up");

            // a webhook lost on the way: the reconciliation poll finds the order; a second order of the same customer
            store.placeOrder(5002, "processing", "+989123456789", "neda@example.com", "ندا", "کریمی",
                    java.util.List.<Object[]>of(new Object[] {"RUG-1", 1, 10000000}));
            VafaServer.await("the missed order", WAIT, () -> orderStatus(server, admin, "woocommerce-5002").equals("placed"));
            VafaServer.awaitValue("its points", WAIT, () -> VafaServer.json(server.get("/api/club/members/" + neda + "/points", admin)),
                    p -> p.get("pending").asLong() == 400);
            assertThat(VafaServer.json(server.get("/api/club/members?mobile=09123456789", admin))).as("the same member").hasSize(1);

            // the customer cancels the first order: the stock comes back, the points go, the proforma is cancelled — once
            com.fasterxml.jackson.databind.node.ObjectNode cancelled = store.changeOrder(5001, "cancelled");
            assertThat(store.deliver(webhook, "order.updated", cancelled, hook)).isEqualTo(200);
            assertThat(store.deliver(webhook, "order.updated", cancelled, hook)).isEqualTo(200);
            VafaServer.awaitValue("the points taken back", WAIT,
                    () -> VafaServer.json(server.get("/api/club/members/" + neda + "/points", admin)), p -> p.get("pending").asLong() == 100);
            VafaServer.await("the proforma cancelled", WAIT,
                    () -> proformasOf(server, admin, "woocommerce-5001").get(0).get("status").asText().equals("cancelled"));
            // an older delivery arriving late (the order as it was placed) does not bring it back
            HttpResponse<String> badOrder = server.post("/api/shop/orders", admin, "{\"id\": \"77\", \"status\": \"placed\", \"modifiedAt\":"
                    + " \"2026-12-01T10:00:00Z\", \"lines\": [{\"sku\": \"RUG-1\", \"quantity\": 0, \"unitPrice\": 100}]}");
            assertThat(badOrder.statusCode()).isEqualTo(400);
            assertThat(VafaServer.json(badOrder).get("field").asText()).isEqualTo("lines[0].quantity");
            HttpResponse<String> hugeTotal = server.post("/api/shop/orders", admin, "{\"id\": \"78\", \"status\": \"placed\", \"modifiedAt\":"
                    + " \"2026-12-01T10:00:00Z\", \"total\": 1e400, \"lines\": [{\"sku\": \"RUG-1\", \"quantity\": 1, \"unitPrice\": 100}]}");
            assertThat(hugeTotal.statusCode()).isEqualTo(400);
            assertThat(VafaServer.json(hugeTotal).get("field").asText()).isEqualTo("total");
            assertThat(server.get("/api/shop/orders/rest-78", admin).statusCode()).isEqualTo(404);
            assertThat(store.deliver(webhook, "order.created", order, hook)).isEqualTo(200);
            assertThat(VafaServer.json(server.get("/api/shop/orders/woocommerce-5001", admin)).get("status").asText()).isEqualTo("cancelled");

            // the second order is invoiced and dispatched in the CRM: its held rug leaves the warehouse's figure
            JsonNode second = VafaServer.awaitValue("the second proforma", WAIT, () -> proformasOf(server, admin, "woocommerce-5002"),
                    d -> d.size() == 1).get(0);
            JsonNode invoice = VafaServer.json(server.post("/api/crm/documents/" + second.get("id").asText() + "/invoice", admin, ""));
            server.post("/api/crm/documents/" + invoice.get("id").asText() + "/dispatch", admin, "");
            VafaServer.await("the order dispatched", WAIT, () -> orderStatus(server, admin, "woocommerce-5002").equals("dispatched"));
            JsonNode rug = VafaServer.json(server.get("/api/shop/availability?skus=RUG-1", admin)).get(0);
            assertThat(rug.get("quantity").asInt()).as("one rug in stock, the cancelled order's back, the dispatched one gone").isZero();
            assertThat(rug.get("status").asText()).isEqualTo("outofstock");
        } finally {
            cleanUp();
        }
    }

    /** The shop's status of the order ("" while it has none). */
    private static String orderStatus(VafaServer server, String admin, String id) {
        try {
            HttpResponse<String> r = server.get("/api/shop/orders/" + id, admin);
            return r.statusCode() == 200 ? VafaServer.json(r).get("status").asText() : "";
        } catch (Exception e) {
            return "";
        }
    }

    private static JsonNode proformasOf(VafaServer server, String admin, String orderId) {
        try {
            com.fasterxml.jackson.databind.node.ArrayNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            for (JsonNode d : VafaServer.json(server.get("/api/crm/documents?kind=proforma&limit=100", admin))) {
                if (orderId.equals(d.path("orderRef").asText())) {
                    out.add(d);
                }
            }
            return out;
        } catch (Exception e) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
    }

    /** A token as Torob makes them: a JWT signed with its Ed25519 key, for the shop's host, valid for five minutes. */
    private static String torobToken(java.security.KeyPair key, String audience) {
        try {
            java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
            long now = java.time.Instant.now().getEpochSecond();
            String signed = b64.encodeToString("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
                    + b64.encodeToString(("{\"aud\":\"" + audience + "\",\"exp\":" + (now + 300) + ",\"nbf\":" + (now - 10) + "}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.security.Signature ed25519 = java.security.Signature.getInstance("Ed25519");
            ed25519.initSign(key.getPrivate());
            ed25519.update(signed.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return signed + "." + b64.encodeToString(ed25519.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a storefront computes to check X-Vafa-Signature. */
    private static String hmacHex(String secret, byte[] body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void erp(String database, String sql) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/" + database, "root", "");
             java.sql.Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static boolean installed(VafaServer server, String admin) {
        try {
            return VafaServer.json(server.get("/api/shop/storefronts", admin)).toString().contains("\"installed\":true");
        } catch (Exception e) {
            return false;
        }
    }

    /** SKUs still to be sent to storefronts (-1 if the server did not answer). */
    private static long pending(VafaServer server, String admin) {
        try {
            long n = 0;
            for (JsonNode s : VafaServer.json(server.get("/api/shop/storefronts", admin))) {
                n += s.get("pending").asLong();
            }
            return n;
        } catch (Exception e) {
            return -1;
        }
    }
}
