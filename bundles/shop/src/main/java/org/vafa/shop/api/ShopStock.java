package org.vafa.shop.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The shop's published service: what a storefront adapter needs at the moment it sends (the latest availability, not
 * the one in the event that woke it, so a burst ends in one update with the final state). The only package the shop
 * bundle exports.
 */
public interface ShopStock {
    /** Published when a product's availability changes (not on every stock figure): {@code {sku, status, previous, quantity}}. */
    String AVAILABILITY_CHANGED = "shop.availability.changed";

    /** The availability of each known SKU among {@code skus}; unknown ones are left out. */
    List<Availability> availability(Collection<String> skus);

    /**
     * @param status   {@code instock}, {@code outofstock} or {@code onbackorder} (WooCommerce's words)
     * @param quantity for sale across warehouses
     */
    record Availability(String sku, String status, BigDecimal quantity, Instant changedAt) {
    }
}
