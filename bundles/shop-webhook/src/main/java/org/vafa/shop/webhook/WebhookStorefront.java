package org.vafa.shop.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.vafa.api.rest.RestJson;
import org.vafa.shop.api.ShopStock;
import org.vafa.shop.api.StorefrontAdapter;

/**
 * Any storefront, told by a JSON POST per batch: {@code {"changes": [{"sku", "quantity", "status"}]}} with
 * {@code status} {@code instock|outofstock|onbackorder}, signed with the header
 * {@code X-Vafa-Signature: sha256=<hex HMAC-SHA256 of the exact body with the shared secret>} so the storefront can
 * check it came from us and was not changed. 2xx: done; 408, 429, 5xx or no answer: retried with backoff; any other
 * 4xx: refused (parked with the storefront's answer).
 */
@Component(service = StorefrontAdapter.class, property = StorefrontAdapter.NAME + "=webhook", configurationPid = "org.vafa.shop.webhook",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WebhookConfig.class)
public class WebhookStorefront implements StorefrontAdapter {
    public static final String SIGNATURE_HEADER = "X-Vafa-Signature";

    private final HttpClient http;
    private final URI url;
    private final byte[] secret;
    private final int batchSize;
    private final Duration timeout;

    @Activate
    public WebhookStorefront(WebhookConfig config) {
        if (config.url() == null || config.url().isBlank() || config.secret() == null || config.secret().isBlank()) {
            throw new IllegalStateException("org.vafa.shop.webhook: url and secret are required");
        }
        this.url = URI.create(config.url().strip());
        this.secret = config.secret().getBytes(StandardCharsets.UTF_8);
        this.batchSize = Math.max(1, Math.min(1000, config.batchSize()));
        this.timeout = Duration.ofSeconds(Math.max(1, config.timeoutSeconds()));
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public int maxBatch() {
        return batchSize;
    }

    @Override
    public List<Outcome> push(List<ShopStock.Availability> batch) throws Unavailable {
        ObjectNode body = RestJson.MAPPER.createObjectNode();
        ArrayNode changes = body.putArray("changes");
        for (ShopStock.Availability a : batch) {
            changes.addObject().put("sku", a.sku()).put("quantity", a.quantity()).put("status", a.status());
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r;
        try {
            r = http.send(HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", "application/json")
                    .header(SIGNATURE_HEADER, "sha256=" + sign(secret, bytes)).POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unavailable("the storefront is unreachable: " + e, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", 0);
        }
        int s = r.statusCode();
        if (s == 408 || s == 429 || s >= 500) {
            long after = r.headers().firstValue("Retry-After").filter(v -> v.matches("[0-9]{1,6}")).map(Long::parseLong).orElse(0L);
            throw new Unavailable("the storefront answered " + s, after);
        }
        String refusal = s >= 200 && s < 300 ? null
                : "the storefront answered " + s + ": " + r.body().substring(0, Math.min(300, r.body().length()));
        return batch.stream().map(a -> new Outcome(a.sku(), refusal)).toList();
    }

    /** Hex HMAC-SHA256 of the body with the secret: what a storefront computes to check {@value #SIGNATURE_HEADER}. */
    public static String sign(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
