package org.vafa.shop;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.shop}; the defaults below are the only ones. */
@ObjectClassDefinition(name = "Vafa shop", description = "The catalogue, stock and availability")
public @interface ShopConfig {

    @AttributeDefinition(description = "A product is out of stock (or on backorder, if it takes backorders) when the quantity for sale"
            + " across warehouses is at most this")
    int outOfStockAt() default 0;

    @AttributeDefinition(description = "The warehouse of a stock change that names none")
    String defaultWarehouse() default "main";

    @AttributeDefinition(description = "Milliseconds a burst of stock changes settles before storefronts are told (one update per SKU"
            + " per window)")
    int storefrontWindowMs() default 200;

    @AttributeDefinition(description = "Longest wait, in seconds, between tries while a storefront is unavailable")
    int storefrontMaxBackoffSeconds() default 60;
}
