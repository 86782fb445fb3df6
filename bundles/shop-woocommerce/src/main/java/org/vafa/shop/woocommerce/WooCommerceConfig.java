package org.vafa.shop.woocommerce;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.shop.woocommerce}: the store is kept up to date once {@code url} and the keys are set. */
@ObjectClassDefinition(name = "Vafa shop: WooCommerce", description = "A WooCommerce store kept up to date with the shop's availability")
public @interface WooCommerceConfig {

    @AttributeDefinition(description = "The store's address, e.g. https://shop.example.com (the REST API is under /wp-json/wc/v3)")
    String url();

    @AttributeDefinition(description = "The REST API consumer key (WooCommerce > Settings > Advanced > REST API, read/write)")
    String consumerKey();

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The consumer secret (never logged)")
    String consumerSecret();

    @AttributeDefinition(description = "Send stock_quantity with manage_stock (the store then works the status out itself, with its"
            + " backorders setting); false: send only stock_status")
    boolean manageStock() default true;

    @AttributeDefinition(description = "Seconds to wait for the store")
    int timeoutSeconds() default 10;

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The secret of the store's order webhooks (WooCommerce > Settings >"
            + " Advanced > Webhooks: topics Order created and Order updated, delivery URL <this server>/api/public/shop/woocommerce/orders);"
            + " empty: order webhooks are refused (never logged)")
    String webhookSecret() default "";

    @AttributeDefinition(description = "Seconds between reconciliation polls of the store's orders modified since the last one"
            + " (WooCommerce does not retry a failed webhook); 0: no poll")
    int reconcileSeconds() default 600;
}
