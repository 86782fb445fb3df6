package org.vafa.shop.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.camel.Exchange;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.RestJson;
import org.vafa.shop.api.OrderForm;
import org.vafa.shop.api.ShopOrders;

/**
 * Orders from the same storefront, the other way: it POSTs the shop's order form ({@link OrderForm}) to
 * {@code /api/public/shop/webhook/orders}, signed like the batches it receives ({@code X-Vafa-Signature: sha256=<hex
 * HMAC-SHA256 of the exact body with the shared secret>}); the signature is checked before the body is read.
 */
@Component(service = RoutesBuilder.class, configurationPid = "org.vafa.shop.webhook", configurationPolicy = ConfigurationPolicy.REQUIRE)
// the settings are described once, on WebhookStorefront (same PID)
public class WebhookOrders extends RouteBuilder {
    private final ShopOrders orders;
    private final byte[] secret;

    @Activate
    public WebhookOrders(@Reference ShopOrders orders, WebhookConfig config) {
        this.orders = orders;
        this.secret = config.secret() == null ? new byte[0] : config.secret().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void configure() {
        rest("/public/shop/webhook/orders").description("Orders from the signed-webhook storefront")
                .post().id("api-shop-webhook-orders").consumes("application/json").produces("application/json")
                .outType(ShopOrders.Received.class)
                .description("The shop's order form, signed: X-Vafa-Signature: sha256=<hex HMAC-SHA256 of the body> (401 otherwise)")
                .to("direct:shop-webhook-order");
        from("direct:shop-webhook-order").routeId("shop-webhook-order").process(this::receive);
    }

    void receive(Exchange e) {
        byte[] body = e.getMessage().getBody(byte[].class);
        body = body == null ? new byte[0] : body;
        String signature = e.getMessage().getHeader(WebhookStorefront.SIGNATURE_HEADER, String.class);
        if (secret.length == 0 || signature == null || !MessageDigest.isEqual(signature.strip().getBytes(StandardCharsets.US_ASCII),
                ("sha256=" + WebhookStorefront.sign(secret, body)).getBytes(StandardCharsets.US_ASCII))) {
            throw new Problem(401, "Unauthorized", WebhookStorefront.SIGNATURE_HEADER + " does not match the body and the shared secret", null);
        }
        ShopOrders.Received received = orders.receive(OrderForm.read(RestJson.parse(new String(body, StandardCharsets.UTF_8)), "webhook"));
        RestJson.answer(e, 200, RestJson.MAPPER.valueToTree(received));
    }
}
