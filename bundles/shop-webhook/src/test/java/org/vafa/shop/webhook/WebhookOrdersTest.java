package org.vafa.shop.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.vafa.api.rest.Problem;
import org.vafa.core.Standalone;
import org.vafa.shop.api.ShopOrders;

/** An order the storefront POSTs: read only when the signature over the exact body is the shared secret's. */
class WebhookOrdersTest {
    private static final String ORDER = "{\"id\": \"A-17\", \"status\": \"placed\", \"modifiedAt\": \"2026-12-04T10:00:00Z\","
            + " \"customer\": {\"mobile\": \"09121234567\", \"firstName\": \"Sara\", \"lastName\": \"Ahmadi\"},"
            + " \"lines\": [{\"sku\": \"TEA-1\", \"quantity\": 2, \"unitPrice\": 250000}]}";

    private final List<ShopOrders.Order> received = new CopyOnWriteArrayList<>();
    private final ShopOrders orders = new ShopOrders() {
        @Override
        public Received receive(Order order) {
            received.add(order);
            return new Received(order.storefront() + "-" + order.externalId(), true, "placed");
        }

        @Override
        public String position(String poll, String initial) {
            return initial;
        }

        @Override
        public void savePosition(String poll, String position) {
        }
    };
    private final WebhookOrders webhook = new WebhookOrders(orders,
            Standalone.configured(WebhookConfig.class, Map.of("url", "https://shop.example.com/vafa", "secret", "s3cret")));

    @Test
    void aSignedOrderIsReceivedAsTheWebhookStorefronts() {
        byte[] body = ORDER.getBytes(StandardCharsets.UTF_8);
        Exchange e = post(body, "sha256=" + WebhookStorefront.sign("s3cret".getBytes(StandardCharsets.UTF_8), body));
        webhook.receive(e);
        assertThat(e.getMessage().getBody(String.class)).contains("\"orderId\":\"webhook-A-17\"");
        assertThat(received).singleElement().satisfies(o -> {
            assertThat(o.storefront()).isEqualTo("webhook");
            assertThat(o.status()).isEqualTo(ShopOrders.Status.PLACED);
            assertThat(o.customer().mobile()).isEqualTo("09121234567");
            assertThat(o.lines()).singleElement().satisfies(l -> assertThat(l.quantity()).isEqualByComparingTo("2"));
        });
    }

    @Test
    void aMissingOrWrongSignatureIsA401AndNothingIsRead() {
        byte[] body = ORDER.getBytes(StandardCharsets.UTF_8);
        byte[] changed = ORDER.replace("\"quantity\": 2", "\"quantity\": 20").getBytes(StandardCharsets.UTF_8);
        String signature = "sha256=" + WebhookStorefront.sign("s3cret".getBytes(StandardCharsets.UTF_8), body);
        for (Exchange e : List.of(post(body, null), post(changed, signature),
                post(body, "sha256=" + WebhookStorefront.sign("guess".getBytes(StandardCharsets.UTF_8), body)))) {
            assertThatThrownBy(() -> webhook.receive(e)).isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(401));
        }
        assertThat(received).isEmpty();
    }

    private static Exchange post(byte[] body, String signature) {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        e.getMessage().setBody(body);
        if (signature != null) {
            e.getMessage().setHeader(WebhookStorefront.SIGNATURE_HEADER, signature);
        }
        return e;
    }
}
