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
 * a store that is down gets the final state once it is back. {@link ShopPostgresIT} runs the same on PostgreSQL.
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
            store.failWith(0);
            server.post("/api/shop/storefronts/woocommerce/retry", admin, "");
            VafaServer.await("the store told", Duration.ofSeconds(90), () -> pending(server, admin) == 0
                    && store.updates().size() > before);
            assertThat(store.product("RUG-1").stockStatus()).isEqualTo("outofstock"); // the last figure was 0
            assertThat(store.updates().subList(before, store.updates().size())).as("once, the final state")
                    .singleElement().satisfies(u -> assertThat(u.stockStatus()).isEqualTo("outofstock"));

            // a product the store does not sell is parked with its reason
            server.post("/api/shop/products", erp, "{\"sku\": \"PEN-1\", \"name\": \"خودکار\", \"price\": 50000}");
            server.post("/api/shop/stock", erp, "{\"sku\": \"PEN-1\", \"quantity\": 10}");
            JsonNode parked = VafaServer.awaitValue("the pen parked", WAIT, () -> VafaServer.json(server.get("/api/shop/storefronts", admin)),
                    s -> s.toString().contains("PEN-1"));
            assertThat(parked.toString()).contains("WooCommerce has no product with SKU PEN-1");
        } finally {
            cleanUp();
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
