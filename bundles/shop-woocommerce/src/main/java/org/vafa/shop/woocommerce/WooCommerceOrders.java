package org.vafa.shop.woocommerce;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.RestJson;
import org.vafa.shop.api.ShopOrders;

/**
 * A WooCommerce store's orders. Its webhooks (topics {@code order.created} and {@code order.updated}) come to
 * {@code POST /api/public/shop/woocommerce/orders}: the {@code X-WC-Webhook-Signature} (base64 HMAC-SHA256 of the raw
 * body with the webhook's secret) is checked before anything in the body is read, and the ping WooCommerce sends when a
 * webhook is saved ({@code webhook_id=N}, unsigned) is answered 200 and nothing else. The delivery id changes on every
 * attempt, so deliveries are told apart by the order and its {@code date_modified_gmt} (the shop keeps the latest).
 * WooCommerce does not retry a failed delivery: every {@code reconcileSeconds} the orders modified since the last poll are
 * read ({@code GET /orders?modified_after=}) and received the same way.
 */
@Component(service = RoutesBuilder.class, configurationPid = "org.vafa.shop.woocommerce", configurationPolicy = ConfigurationPolicy.REQUIRE)
// the settings are described once, on WooCommerceStorefront (same PID)
public class WooCommerceOrders extends RouteBuilder {
    public static final String PATH = "/api/public/shop/woocommerce/orders";
    static final String STOREFRONT = "woocommerce";
    private static final String POLL = "woocommerce-orders";
    private static final Logger LOG = LoggerFactory.getLogger(WooCommerceOrders.class);

    private final ShopOrders orders;
    private final byte[] secret;
    private final int reconcileSeconds;
    private final String api;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;
    private final Instant startedAt = Instant.now();

    @Activate
    public WooCommerceOrders(@Reference ShopOrders orders, WooCommerceConfig config) {
        this.orders = orders;
        this.secret = config.webhookSecret() == null ? new byte[0] : config.webhookSecret().getBytes(StandardCharsets.UTF_8);
        this.reconcileSeconds = Math.max(0, config.reconcileSeconds());
        this.api = config.url() == null ? "" : config.url().replaceAll("/+$", "") + "/wp-json/wc/v3";
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((config.consumerKey() + ":" + config.consumerSecret())
                .getBytes(StandardCharsets.UTF_8));
        this.timeout = Duration.ofSeconds(Math.max(1, config.timeoutSeconds()));
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public void configure() {
        rest("/public/shop/woocommerce/orders").description("WooCommerce's order webhooks (signed with the webhook's secret)")
                .post().id("api-shop-woocommerce-orders").produces("application/json").outType(ShopOrders.Received.class)
                .description("An order.created or order.updated delivery: X-WC-Webhook-Signature checked first (401 otherwise);"
                        + " the ping on saving a webhook answered 200")
                .to("direct:shop-woocommerce-order");
        from("direct:shop-woocommerce-order").routeId("shop-woocommerce-order").process(this::webhook);
        if (reconcileSeconds > 0) {
            from("timer:shop-woocommerce-reconcile?delay=" + Duration.ofSeconds(reconcileSeconds).toMillis() + "&period="
                    + Duration.ofSeconds(reconcileSeconds).toMillis()).routeId("shop-woocommerce-reconcile").process(e -> reconcile());
        }
    }

    void webhook(Exchange e) {
        byte[] body = e.getMessage().getBody(byte[].class);
        body = body == null ? new byte[0] : body;
        String signature = e.getMessage().getHeader("X-WC-Webhook-Signature", String.class);
        // the form body may have been read into a parameter by the HTTP binding: either way it is the ping
        boolean ping = new String(body, StandardCharsets.US_ASCII).matches("webhook_id=[0-9]{1,20}")
                || e.getMessage().getHeader("webhook_id", "", String.class).matches("[0-9]{1,20}");
        if (signature == null && ping) {
            RestJson.answer(e, 200, RestJson.MAPPER.createObjectNode().put("ping", true)); // WooCommerce checks the URL answers
            return;
        }
        if (secret.length == 0) {
            throw new Problem(401, "Unauthorized", "Order webhooks are off: set webhookSecret in PID org.vafa.shop.woocommerce", null);
        }
        if (signature == null || !MessageDigest.isEqual(signature.strip().getBytes(StandardCharsets.US_ASCII),
                sign(secret, body).getBytes(StandardCharsets.US_ASCII))) {
            throw new Problem(401, "Unauthorized", "X-WC-Webhook-Signature does not match the body and the webhook's secret", null);
        }
        String topic = e.getMessage().getHeader("X-WC-Webhook-Topic", "", String.class);
        if (!topic.equals("order.created") && !topic.equals("order.updated")) {
            RestJson.answer(e, 200, RestJson.MAPPER.createObjectNode().put("ignored", "topic " + topic));
            return;
        }
        ShopOrders.Received received = orders.receive(order(RestJson.parse(new String(body, StandardCharsets.UTF_8))));
        RestJson.answer(e, 200, RestJson.MAPPER.valueToTree(received));
    }

    /** The orders modified since the last poll (a second's overlap: a repeat changes nothing), page by page, oldest first. */
    void reconcile() throws Exception {
        // the first poll looks back an hour before the adapter started: orders taken while it was being set up are not lost
        String since = orders.position(POLL, startedAt.minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString());
        Instant latest = Instant.parse(since);
        String after = latest.minusSeconds(1).atOffset(ZoneOffset.UTC).toLocalDateTime().toString();
        int received = 0;
        for (int page = 1; page <= 1000; page++) {
            HttpResponse<String> r;
            try {
                r = http.send(HttpRequest.newBuilder(URI.create(api + "/orders?per_page=100&page=" + page
                        + "&orderby=modified&order=asc&dates_are_gmt=true&modified_after=" + after)).timeout(timeout)
                        .header("Authorization", authorization).header("Accept", "application/json").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException unreachable) {
                LOG.warn("WooCommerce unreachable for the reconciliation poll of its orders ({}); trying again in {} s",
                        unreachable.toString(), reconcileSeconds);
                return;
            }
            if (r.statusCode() != 200) {
                LOG.warn("WooCommerce answered {} to the reconciliation poll of its orders; trying again in {} s", r.statusCode(),
                        reconcileSeconds);
                return;
            }
            JsonNode list = RestJson.parse(r.body());
            for (JsonNode o : list) {
                try {
                    ShopOrders.Order order = order(o);
                    orders.receive(order);
                    received++;
                    latest = order.modifiedAt().isAfter(latest) ? order.modifiedAt() : latest;
                } catch (Problem refused) {
                    LOG.warn("WooCommerce order {} left out: {} ({})", o.path("id").asText(), refused.getMessage(), refused.field());
                }
            }
            int pages = r.headers().firstValue("X-WP-TotalPages").filter(v -> v.matches("[0-9]{1,6}")).map(Integer::parseInt).orElse(1);
            if (list.size() < 100 || page >= pages) {
                break;
            }
        }
        orders.savePosition(POLL, latest.truncatedTo(ChronoUnit.SECONDS).toString());
        if (received > 0) {
            LOG.info("WooCommerce reconciliation: {} orders modified since {} read", received, since);
        }
    }

    /** A WooCommerce order (REST API v3 shape) as the shop's order; a problem names the field. */
    static ShopOrders.Order order(JsonNode o) {
        if (!o.isObject() || !o.path("id").canConvertToLong()) {
            throw Problem.invalidField("id", "A WooCommerce order with its id");
        }
        String wcStatus = o.path("status").asText("");
        ShopOrders.Status status = switch (wcStatus) {
            case "processing", "on-hold", "completed" -> ShopOrders.Status.PLACED;
            case "cancelled", "refunded", "failed", "trash" -> ShopOrders.Status.CANCELLED;
            default -> ShopOrders.Status.WAITING; // pending payment, checkout-draft
        };
        Instant modified;
        try {
            modified = LocalDateTime.parse(o.path("date_modified_gmt").asText()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw Problem.invalidField("date_modified_gmt", "date_modified_gmt is the order's modification time");
        }
        JsonNode billing = o.path("billing");
        String memberId = null;
        for (JsonNode meta : o.path("meta_data")) {
            if ("vafa_member_id".equals(meta.path("key").asText())) {
                memberId = meta.path("value").asText(null);
            }
        }
        List<ShopOrders.Line> lines = new ArrayList<>();
        for (JsonNode item : o.path("line_items")) {
            String sku = item.path("sku").asText("");
            BigDecimal quantity = item.path("quantity").decimalValue();
            if (sku.isBlank() || quantity.signum() <= 0) {
                continue; // a product without a SKU has no stock or catalogue entry here
            }
            // what the line cost after the order's coupons, per unit: points are earned on what was paid
            BigDecimal paid = decimal(item.path("total"));
            lines.add(new ShopOrders.Line(sku, text(item.path("name")), quantity, paid.divide(quantity, 2, RoundingMode.HALF_UP)));
        }
        return new ShopOrders.Order(STOREFRONT, o.path("id").asText(), text(o.path("number")), status, wcStatus, modified,
                new ShopOrders.Customer(memberId, text(billing.path("phone")), text(billing.path("email")), text(billing.path("first_name")),
                        text(billing.path("last_name"))), text(o.path("currency")), decimal(o.path("total")), lines,
                text(o.path("payment_method")));
    }

    private static String text(JsonNode n) {
        String s = n.asText("");
        return s.isBlank() ? null : s.strip();
    }

    private static BigDecimal decimal(JsonNode n) {
        try {
            return n.isNumber() ? n.decimalValue() : new BigDecimal(n.asText("0"));
        } catch (NumberFormatException e) {
            throw Problem.invalidField("total", "A WooCommerce amount is a number");
        }
    }

    /** WooCommerce's signature: base64 of the HMAC-SHA256 of the raw body with the webhook's secret. */
    static String sign(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
