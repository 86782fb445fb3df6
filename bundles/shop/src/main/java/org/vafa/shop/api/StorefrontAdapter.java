package org.vafa.shop.api;

import java.util.List;

/**
 * A storefront the shop keeps up to date (WooCommerce, a signed webhook, ...): an adapter bundle registers one as an
 * OSGi service with {@value #NAME}{@code =<name>}. The shop does the rest — it remembers which SKUs changed for each
 * adapter (durably, the latest state only), sends them in batches of at most {@link #maxBatch()} with their
 * availability at the moment of sending, retries with backoff while the storefront is unavailable, and parks what
 * it refuses with the reason for an operator.
 */
public interface StorefrontAdapter {
    /** The service property naming the adapter, e.g. {@code vafa.storefront=woocommerce}. */
    String NAME = "vafa.storefront";

    /** At most this many SKUs in one {@link #push}. */
    int maxBatch();

    /**
     * Tells the storefront the availability of these SKUs.
     *
     * @return an outcome for each SKU: done, or refused with the storefront's reason (it is parked, not retried)
     * @throws Unavailable when the storefront cannot take anything now (down, busy, 5xx): the whole batch is retried later
     */
    List<Outcome> push(List<ShopStock.Availability> batch) throws Unavailable;

    /** {@code refusal} null: done. */
    record Outcome(String sku, String refusal) {
        public static Outcome done(String sku) {
            return new Outcome(sku, null);
        }
    }

    /** The storefront takes nothing now; {@code retryAfterSeconds} 0 when it did not say. */
    final class Unavailable extends Exception {
        private final long retryAfterSeconds;

        public Unavailable(String reason, long retryAfterSeconds) {
            super(reason);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
