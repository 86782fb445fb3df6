package org.vafa.shop.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.vafa.core.Standalone;
import org.vafa.shop.api.ShopStock;
import org.vafa.shop.api.StorefrontAdapter;

/** The signed webhook against a local storefront that checks the signature as a storefront developer would. */
class WebhookStorefrontTest {

    private static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aBatchArrivesSignedAndTheStorefrontsAnswerDecidesRetryOrRefusal() throws Exception {
        List<String> accepted = new CopyOnWriteArrayList<>();
        AtomicInteger answer = new AtomicInteger(204);
        HttpServer storefront = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        storefront.createContext("/vafa", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String expected = "sha256=" + hmac("s3cret", body);
            boolean genuine = expected.equals(exchange.getRequestHeaders().getFirst("X-Vafa-Signature"));
            if (genuine && answer.get() < 300) {
                accepted.add(new String(body, StandardCharsets.UTF_8));
            }
            int status = genuine ? answer.get() : 401;
            byte[] text = (genuine ? "" : "bad signature").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, text.length == 0 ? -1 : text.length);
            if (text.length > 0) {
                exchange.getResponseBody().write(text);
            }
            exchange.close();
        });
        storefront.start();
        try {
            String url = "http://127.0.0.1:" + storefront.getAddress().getPort() + "/vafa";
            WebhookStorefront webhook = new WebhookStorefront(Standalone.configured(WebhookConfig.class, Map.of("url", url, "secret", "s3cret")));
            List<ShopStock.Availability> batch = List.of(new ShopStock.Availability("RUG-1", "outofstock", BigDecimal.ZERO, Instant.now()),
                    new ShopStock.Availability("TEA-1", "instock", new BigDecimal("5.000"), Instant.now()));

            assertThat(webhook.push(batch)).allSatisfy(o -> assertThat(o.refusal()).isNull());
            assertThat(accepted).singleElement().asString().contains("\"sku\":\"RUG-1\"").contains("\"status\":\"outofstock\"")
                    .contains("\"sku\":\"TEA-1\"");

            answer.set(503);
            assertThatThrownBy(() -> webhook.push(batch)).isInstanceOf(StorefrontAdapter.Unavailable.class);
            answer.set(422);
            assertThat(webhook.push(batch)).allSatisfy(o -> assertThat(o.refusal()).contains("422"));
            // a wrong secret: the storefront refuses it
            answer.set(204);
            WebhookStorefront forged = new WebhookStorefront(Standalone.configured(WebhookConfig.class, Map.of("url", url, "secret", "guess")));
            assertThat(forged.push(batch)).allSatisfy(o -> assertThat(o.refusal()).contains("401"));
            assertThat(accepted).hasSize(1);
        } finally {
            storefront.stop(0);
        }
    }
}
