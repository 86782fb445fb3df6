package org.vafa.shop.woocommerce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vafa.core.Standalone;
import org.vafa.shop.api.ShopStock;
import org.vafa.shop.api.StorefrontAdapter;

/** The adapter against a local store that follows WooCommerce's documented API, errors included. */
class WooCommerceStorefrontTest {

    private static ShopStock.Availability a(String sku, String status, int quantity) {
        return new ShopStock.Availability(sku, status, BigDecimal.valueOf(quantity), Instant.now());
    }

    private static WooCommerceStorefront adapter(WooCommerceApiServer store, String secret) {
        return new WooCommerceStorefront(Standalone.configured(WooCommerceConfig.class, Map.of("url", store.url() + "/",
                "consumerKey", "ck_test", "consumerSecret", secret, "timeoutSeconds", 5)));
    }

    @Test
    void stockReachesTheStoreBySkuAndWhatItRefusesIsSaidWhy() throws Exception {
        try (WooCommerceApiServer store = new WooCommerceApiServer("ck_test", "cs_test")) {
            store.add("RUG-1");
            store.add("TEA-1");
            WooCommerceStorefront woo = adapter(store, "cs_test");

            List<StorefrontAdapter.Outcome> outcomes = woo.push(List.of(a("RUG-1", "outofstock", 0), a("TEA-1", "instock", 7),
                    a("GHOST", "instock", 1)));
            assertThat(outcomes).extracting(StorefrontAdapter.Outcome::sku, StorefrontAdapter.Outcome::refusal).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("GHOST", "WooCommerce has no product with SKU GHOST"),
                    org.assertj.core.groups.Tuple.tuple("RUG-1", null), org.assertj.core.groups.Tuple.tuple("TEA-1", null));
            assertThat(store.product("TEA-1").stockStatus()).isEqualTo("instock");
            assertThat(store.product("TEA-1").stockQuantity()).isEqualTo(7);
            assertThat(store.product("RUG-1").stockStatus()).isEqualTo("outofstock");

            // a store that takes fewer objects per request than 100: the batch is halved until it fits
            List<ShopStock.Availability> many = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                store.add("SKU-" + i);
                many.add(a("SKU-" + i, "instock", i + 1));
            }
            store.maxItems(8);
            assertThat(woo.push(many)).allSatisfy(o -> assertThat(o.refusal()).isNull()).hasSize(30);
            assertThat(store.product("SKU-29").stockQuantity()).isEqualTo(30);

            // down, busy, or a wrong key: unavailable (retried), nothing refused
            store.failWith(503);
            assertThatThrownBy(() -> woo.push(List.of(a("RUG-1", "instock", 2)))).isInstanceOf(StorefrontAdapter.Unavailable.class);
            store.failWith(0);
            assertThatThrownBy(() -> adapter(store, "wrong").push(List.of(a("RUG-1", "instock", 2))))
                    .isInstanceOf(StorefrontAdapter.Unavailable.class).hasMessageContaining("401").hasMessageNotContaining("wrong");
        }
    }
}
