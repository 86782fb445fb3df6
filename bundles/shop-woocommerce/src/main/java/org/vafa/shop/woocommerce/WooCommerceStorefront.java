package org.vafa.shop.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.vafa.api.rest.RestJson;
import org.vafa.shop.api.ShopStock;
import org.vafa.shop.api.StorefrontAdapter;

/**
 * A WooCommerce store through its REST API v3, as documented: products found by SKU
 * ({@code GET /wp-json/wc/v3/products?sku=a,b}), stock sent with {@code POST /wp-json/wc/v3/products/batch}
 * (at most 100 objects a request: a 413 splits the batch), HTTP Basic with the consumer key and secret (use HTTPS).
 * A product the store does not have, or an item it refuses, is refused (parked by the shop with the store's message);
 * 401/403, 429 and 5xx make the store unavailable (retried with backoff: a wrong key is fixed in the configuration
 * without losing anything).
 */
@Component(service = StorefrontAdapter.class, property = StorefrontAdapter.NAME + "=woocommerce",
        configurationPid = "org.vafa.shop.woocommerce", configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WooCommerceConfig.class)
public class WooCommerceStorefront implements StorefrontAdapter {
    static final int MAX_BATCH = 100;

    private final HttpClient http;
    private final String api;
    private final String authorization;
    private final boolean manageStock;
    private final Duration timeout;
    /** SKU to the store's product id, learnt on the first send. */
    private final Map<String, Long> ids = new ConcurrentHashMap<>();

    @Activate
    public WooCommerceStorefront(WooCommerceConfig config) {
        if (config.url() == null || config.url().isBlank() || config.consumerKey() == null || config.consumerSecret() == null) {
            throw new IllegalStateException("org.vafa.shop.woocommerce: url, consumerKey and consumerSecret are required");
        }
        this.api = config.url().replaceAll("/+$", "") + "/wp-json/wc/v3";
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((config.consumerKey() + ":" + config.consumerSecret())
                .getBytes(StandardCharsets.UTF_8));
        this.manageStock = config.manageStock();
        this.timeout = Duration.ofSeconds(Math.max(1, config.timeoutSeconds()));
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public int maxBatch() {
        return MAX_BATCH;
    }

    @Override
    public List<Outcome> push(List<ShopStock.Availability> batch) throws Unavailable {
        List<Outcome> outcomes = new ArrayList<>();
        learnIds(batch.stream().map(ShopStock.Availability::sku).filter(sku -> !ids.containsKey(sku)).toList());
        List<ShopStock.Availability> known = new ArrayList<>();
        for (ShopStock.Availability a : batch) {
            if (ids.containsKey(a.sku())) {
                known.add(a);
            } else {
                outcomes.add(new Outcome(a.sku(), "WooCommerce has no product with SKU " + a.sku()));
            }
        }
        if (!known.isEmpty()) {
            update(known, outcomes);
        }
        return outcomes;
    }

    private void learnIds(List<String> skus) throws Unavailable {
        if (skus.isEmpty()) {
            return;
        }
        String query = URLEncoder.encode(String.join(",", skus), StandardCharsets.UTF_8);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(api + "/products?per_page=100&sku=" + query)).GET());
        available(r);
        if (r.statusCode() != 200) {
            throw new Unavailable("WooCommerce answered " + r.statusCode() + " to the product lookup: " + message(r.body()), 0);
        }
        for (JsonNode product : RestJson.parse(r.body())) {
            if (product.hasNonNull("sku") && product.hasNonNull("id")) {
                ids.put(product.get("sku").asText(), product.get("id").asLong());
            }
        }
    }

    private void update(List<ShopStock.Availability> items, List<Outcome> outcomes) throws Unavailable {
        ObjectNode body = RestJson.MAPPER.createObjectNode();
        ArrayNode update = body.putArray("update");
        Map<Long, String> skuOf = new HashMap<>();
        for (ShopStock.Availability a : items) {
            long id = ids.get(a.sku());
            skuOf.put(id, a.sku());
            ObjectNode item = update.addObject().put("id", id).put("stock_status", a.status());
            if (manageStock) {
                item.put("manage_stock", true).put("stock_quantity", a.quantity().intValue());
            }
        }
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(api + "/products/batch"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (r.statusCode() == 413 && items.size() > 1) { // too much for this store: halves
            update(items.subList(0, items.size() / 2), outcomes);
            update(items.subList(items.size() / 2, items.size()), outcomes);
            return;
        }
        available(r);
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            String reason = "WooCommerce answered " + r.statusCode() + ": " + message(r.body());
            items.forEach(a -> outcomes.add(new Outcome(a.sku(), reason)));
            return;
        }
        Map<String, String> refused = new LinkedHashMap<>();
        for (JsonNode result : RestJson.parse(r.body()).path("update")) {
            String sku = skuOf.get(result.path("id").asLong());
            if (sku != null && result.has("error")) {
                refused.put(sku, "WooCommerce refused it: " + result.path("error").path("message").asText(result.path("error").toString()));
                ids.remove(sku); // a product deleted in the store is looked up again next time
            }
        }
        for (ShopStock.Availability a : items) {
            outcomes.add(new Outcome(a.sku(), refused.get(a.sku())));
        }
    }

    /** 401/403, 429 and 5xx: nothing is taken now. */
    private static void available(HttpResponse<String> r) throws Unavailable {
        int s = r.statusCode();
        if (s == 401 || s == 403) {
            throw new Unavailable("WooCommerce refused the consumer key (" + s + "): check PID org.vafa.shop.woocommerce", 0);
        }
        if (s == 429 || s >= 500) {
            long after = r.headers().firstValue("Retry-After").filter(v -> v.matches("[0-9]{1,6}")).map(Long::parseLong).orElse(0L);
            throw new Unavailable("WooCommerce answered " + s, after);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Unavailable {
        try {
            return http.send(request.timeout(timeout).header("Authorization", authorization).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable("WooCommerce unreachable: " + e, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", 0);
        }
    }

    private static String message(String body) {
        try {
            return RestJson.parse(body).path("message").asText(body);
        } catch (RuntimeException notJson) {
            return body == null ? "" : body.substring(0, Math.min(200, body.length()));
        }
    }
}
