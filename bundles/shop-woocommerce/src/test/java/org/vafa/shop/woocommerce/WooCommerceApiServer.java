package org.vafa.shop.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WooCommerce store's REST API v3 on this machine, as its documentation describes it: HTTP Basic with the consumer
 * key and secret (401 {@code woocommerce_rest_cannot_view} otherwise), products by SKU ({@code ?sku=a,b}), the batch
 * endpoint with its limit of 100 objects (413 {@code woocommerce_rest_request_entity_too_large}), an unknown id in a
 * batch answered per item ({@code woocommerce_rest_product_invalid_id}). It can be made to answer every request with
 * an error (a store that is down or busy). For the adapter's tests and the integration tests.
 */
public final class WooCommerceApiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A product as the store holds it. */
    public record Product(long id, String sku, String stockStatus, Integer stockQuantity, boolean manageStock) {
    }

    /** An update the store accepted (when: {@code at}, by the store's clock): what a storefront shows changed. */
    public record Update(String sku, String stockStatus, Integer stockQuantity, long at) {
    }

    private final HttpServer server;
    private final String key;
    private final String secret;
    private final Map<String, Product> bySku = new ConcurrentHashMap<>();
    private final Map<Long, String> skuById = new ConcurrentHashMap<>();
    private final List<Update> updates = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong(100);
    private final Map<Long, ObjectNode> orders = new ConcurrentHashMap<>();
    private final AtomicLong deliveries = new AtomicLong();
    private volatile java.time.Instant lastModified = java.time.Instant.EPOCH;
    private volatile int failWith;
    private volatile int maxItems = 100;

    public WooCommerceApiServer(String key, String secret) throws IOException {
        this.key = key;
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/wp-json/wc/v3/products", this::handle);
        server.createContext("/wp-json/wc/v3/orders", this::handleOrders);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A product the store sells (out of stock until told otherwise). */
    public Product add(String sku) {
        Product p = new Product(ids.incrementAndGet(), sku, "outofstock", 0, true);
        bySku.put(sku, p);
        skuById.put(p.id(), sku);
        return p;
    }

    public Product product(String sku) {
        return bySku.get(sku);
    }

    public List<Update> updates() {
        return List.copyOf(updates);
    }

    /** The updates after the first {@code from} (a benchmark reads only what is new). */
    public List<Update> updates(int from) {
        int size = updates.size();
        return from >= size ? List.of() : List.copyOf(updates.subList(from, size));
    }

    /** How many updates the store accepted. */
    public int updateCount() {
        return updates.size();
    }

    /** Every request answered with this status from now on (0: normally again). */
    public void failWith(int status) {
        failWith = status;
    }

    /** A store whose server takes fewer objects per batch (its 413 comes earlier). */
    public void maxItems(int max) {
        maxItems = max;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (refused(exchange)) {
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("GET") && path.equals("/wp-json/wc/v3/products")) {
                ArrayNode out = JSON.createArrayNode();
                String query = exchange.getRequestURI().getRawQuery();
                String skus = "";
                for (String pair : query == null ? new String[0] : query.split("&")) {
                    if (pair.startsWith("sku=")) {
                        skus = URLDecoder.decode(pair.substring(4), StandardCharsets.UTF_8);
                    }
                }
                for (String sku : skus.split(",")) {
                    Product p = bySku.get(sku);
                    if (p != null) {
                        out.add(json(p));
                    }
                }
                answer(exchange, 200, out);
            } else if (exchange.getRequestMethod().equals("POST") && path.equals("/wp-json/wc/v3/products/batch")) {
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                int count = body.path("create").size() + body.path("update").size() + body.path("delete").size();
                if (count > maxItems) {
                    error(exchange, 413, "woocommerce_rest_request_entity_too_large", "Unable to accept more than " + maxItems
                            + " items for this request.");
                    return;
                }
                ObjectNode out = JSON.createObjectNode();
                ArrayNode updated = out.putArray("update");
                for (JsonNode item : body.path("update")) {
                    long id = item.path("id").asLong();
                    String known = skuById.get(id);
                    Product p = known == null ? null : bySku.get(known);
                    if (p == null) {
                        ObjectNode e = updated.addObject().put("id", id);
                        e.putObject("error").put("code", "woocommerce_rest_product_invalid_id").put("message", "Invalid ID.")
                                .putObject("data").put("status", 400);
                        continue;
                    }
                    boolean manage = item.path("manage_stock").asBoolean(p.manageStock());
                    Integer quantity = item.has("stock_quantity") ? item.get("stock_quantity").asInt() : p.stockQuantity();
                    String status = item.path("stock_status").asText(p.stockStatus());
                    if (manage && quantity != null) { // with managed stock the store works the status out itself
                        status = quantity > 0 ? "instock" : status.equals("onbackorder") ? "onbackorder" : "outofstock";
                    }
                    Product changed = new Product(p.id(), p.sku(), status, quantity, manage);
                    bySku.put(p.sku(), changed);
                    updates.add(new Update(p.sku(), status, quantity, System.currentTimeMillis()));
                    updated.add(json(changed));
                }
                answer(exchange, 200, out);
            } else {
                error(exchange, 404, "rest_no_route", "No route was found matching the URL and request method.");
            }
        }
    }

    /** A wrong key (401) or a store made to fail: answered here, true. */
    private boolean refused(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            error(exchange, 401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.");
            return true;
        }
        if (failWith != 0) {
            error(exchange, failWith, "internal_server_error", "The store is not answering");
            return true;
        }
        return false;
    }

    private static ObjectNode json(Product p) {
        ObjectNode n = JSON.createObjectNode().put("id", p.id()).put("sku", p.sku()).put("stock_status", p.stockStatus())
                .put("manage_stock", p.manageStock());
        if (p.stockQuantity() == null) {
            n.putNull("stock_quantity");
        } else {
            n.put("stock_quantity", p.stockQuantity());
        }
        return n;
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        ObjectNode e = JSON.createObjectNode().put("code", code).put("message", message);
        e.putObject("data").put("status", status);
        answer(exchange, status, e);
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * An order a customer placed at the store, as its REST API and webhooks show it ({@code status} e.g. processing,
     * pending, cancelled); each line {@code {sku, quantity, total}} (total: what the line cost after coupons).
     */
    public ObjectNode placeOrder(long id, String status, String phone, String email, String firstName, String lastName,
                                 List<Object[]> lines) {
        ObjectNode o = JSON.createObjectNode().put("id", id).put("number", String.valueOf(id)).put("status", status)
                .put("currency", "IRR").put("date_created_gmt", modifiedNow());
        o.put("date_modified_gmt", o.get("date_created_gmt").asText());
        ObjectNode billing = o.putObject("billing").put("first_name", firstName).put("last_name", lastName).put("email", email)
                .put("phone", phone);
        billing.put("country", "IR");
        ArrayNode items = o.putArray("line_items");
        long total = 0;
        for (Object[] l : lines) {
            long lineTotal = ((Number) l[2]).longValue();
            int quantity = ((Number) l[1]).intValue();
            items.addObject().put("id", ids.incrementAndGet()).put("name", "item " + l[0]).put("sku", (String) l[0])
                    .put("quantity", quantity).put("subtotal", lineTotal + ".00").put("total", lineTotal + ".00")
                    .put("price", (double) lineTotal / quantity);
            total += lineTotal;
        }
        o.put("total", total + ".00");
        o.putArray("meta_data");
        orders.put(id, o);
        return o.deepCopy();
    }

    /** The store changes the order's status (its modification time moves on). */
    public ObjectNode changeOrder(long id, String status) {
        ObjectNode o = orders.get(id);
        o.put("status", status).put("date_modified_gmt", modifiedNow());
        return o.deepCopy();
    }

    /** Modification times as WooCommerce gives them (GMT, to the second), each later than the one before. */
    private synchronized String modifiedNow() {
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        lastModified = now.isAfter(lastModified) ? now : lastModified.plusSeconds(1);
        return java.time.LocalDateTime.ofInstant(lastModified, java.time.ZoneOffset.UTC).toString();
    }

    /**
     * Delivers the order to a webhook's URL as WooCommerce does: the JSON of the order, signed in
     * {@code X-WC-Webhook-Signature} (base64 HMAC-SHA256 of the body with the webhook's secret), a new delivery id each
     * time. Answers the HTTP status.
     */
    public int deliver(String url, String topic, ObjectNode order, String secret) throws Exception {
        byte[] body = JSON.writeValueAsBytes(order);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(body));
        return post(url, body, "application/json", Map.of("X-WC-Webhook-Source", url() + "/", "X-WC-Webhook-Topic", topic,
                "X-WC-Webhook-Resource", "order", "X-WC-Webhook-Event", topic.substring(topic.indexOf('.') + 1),
                "X-WC-Webhook-Signature", signature, "X-WC-Webhook-ID", "7", "X-WC-Webhook-Delivery-ID",
                String.valueOf(deliveries.incrementAndGet())));
    }

    /** The ping WooCommerce sends when a webhook is saved: a form body {@code webhook_id=N}, unsigned. */
    public int ping(String url) throws Exception {
        return post(url, "webhook_id=7".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded", Map.of());
    }

    private static int post(String url, byte[] body, String type, Map<String, String> headers) throws Exception {
        java.net.http.HttpRequest.Builder r = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Content-Type", type)
                .header("User-Agent", "WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(r::header);
        return java.net.http.HttpClient.newHttpClient().send(r.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** {@code GET /orders?modified_after=&page=&per_page=}: oldest modified first, with X-WP-Total and X-WP-TotalPages. */
    private void handleOrders(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (refused(exchange)) {
                return;
            }
            Map<String, String> query = new java.util.HashMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            for (String pair : raw == null ? new String[0] : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            String after = query.getOrDefault("modified_after", "");
            int perPage = Integer.parseInt(query.getOrDefault("per_page", "10"));
            int page = Integer.parseInt(query.getOrDefault("page", "1"));
            List<ObjectNode> matching = orders.values().stream()
                    .filter(o -> after.isEmpty() || o.get("date_modified_gmt").asText().compareTo(after.substring(0, Math.min(19, after.length()))) > 0)
                    .sorted(java.util.Comparator.comparing((ObjectNode o) -> o.get("date_modified_gmt").asText()))
                    .toList();
            ArrayNode out = JSON.createArrayNode();
            matching.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(out::add);
            exchange.getResponseHeaders().set("X-WP-Total", String.valueOf(matching.size()));
            exchange.getResponseHeaders().set("X-WP-TotalPages", String.valueOf((matching.size() + perPage - 1) / perPage));
            answer(exchange, 200, out);
        }
    }

    /** For the tests: the products asked about so far. */
    public List<String> skus() {
        return new ArrayList<>(bySku.keySet());
    }
}
