package org.vafa.shop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.RestJson;
import org.vafa.core.Standalone;
import org.vafa.core.db.TestDatabases;
import org.vafa.core.db.VafaDatabase;
import org.vafa.core.locale.VafaLocale;
import org.vafa.shop.api.ShopStock;
import org.vafa.shop.catalogue.Products;
import org.vafa.shop.stock.Stock;
import org.vafa.shop.stock.StockChange;

/** Stock and availability on both databases: what storefronts are told, and when. */
class StockTest {

    private record Shop(Database database, Products products, Stock stock) {
        List<String> events() {
            return database.inTransaction(tx -> Sql.list(tx, "SELECT subject || ':' || data_json FROM vafa_event WHERE event_type ="
                    + " 'shop.availability.changed' ORDER BY recorded", rs -> rs.getString(1)));
        }
    }

    private static Shop shop(HikariDataSource db, String vendor) {
        VafaDatabase.migrate(db, "core", StockTest.class.getClassLoader());
        VafaDatabase.migrate(db, "shop", StockTest.class.getClassLoader());
        Database database = Standalone.database(db, vendor);
        return new Shop(database, new Products(database, VafaLocale.defaults(), () -> "shop"),
                new Stock(database, Standalone.eventLog(db), () -> "shop", Standalone.defaults(ShopConfig.class)));
    }

    private static StockChange change(String sku, String warehouse, int quantity, Long sequence) {
        return new StockChange(sku, warehouse, BigDecimal.valueOf(quantity), sequence, null);
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void availabilityFollowsStockAcrossWarehousesWithOneEventPerChangeOfStatus(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            Shop shop = shop(db, vendor);
            shop.products().save(Products.NewProduct.read(RestJson.parse("{\"sku\": \"RUG-1\", \"name\": \"فرش\", \"price\": 30000000}")));
            shop.products().save(Products.NewProduct.read(RestJson.parse("{\"sku\": \"TEA-1\", \"name\": \"چای\", \"price\": 250000,"
                    + " \"backorders\": true}")));

            // a burst: one event per SKU, with the final state
            Stock.Applied first = shop.stock().apply(List.of(change("RUG-1", null, 3, 1L), change("RUG-1", null, 2, 2L),
                    change("RUG-1", "tabriz", 1, 1L), change("TEA-1", null, 5, 1L)));
            assertThat(first.applied()).isEqualTo(4);
            assertThat(first.changed()).extracting(ShopStock.Availability::sku, ShopStock.Availability::status)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("RUG-1", "instock"), org.assertj.core.groups.Tuple.tuple("TEA-1", "instock"));
            assertThat(shop.stock().availability(List.of("RUG-1")).get(0).quantity()).isEqualByComparingTo("3");

            // a number changes, the status does not: no event
            assertThat(shop.stock().apply(List.of(change("RUG-1", null, 1, 3L))).changed()).isEmpty();
            // sold out in both warehouses: out of stock; the tea takes backorders
            shop.stock().apply(List.of(change("RUG-1", null, 0, 4L), change("RUG-1", "tabriz", 0, 2L), change("TEA-1", null, 0, 2L)));
            assertThat(shop.stock().availability(List.of("RUG-1", "TEA-1", "NOPE"))).extracting(ShopStock.Availability::status)
                    .containsExactly("outofstock", "onbackorder");
            // an older figure arriving late never wins
            Stock.Applied late = shop.stock().apply(List.of(change("RUG-1", null, 9, 3L)));
            assertThat(late.stale()).isEqualTo(1);
            assertThat(shop.stock().availability(List.of("RUG-1")).get(0).status()).isEqualTo("outofstock");
            // by the ERP's time when it has no sequence
            Instant t = Instant.parse("2026-12-01T10:00:00Z");
            shop.stock().apply(List.of(new StockChange("PEN-1", null, BigDecimal.ONE, null, t)));
            assertThat(shop.stock().apply(List.of(new StockChange("PEN-1", null, BigDecimal.ZERO, null, t.minusSeconds(60)))).stale())
                    .isEqualTo(1);
            // back in stock
            assertThat(shop.stock().apply(List.of(change("RUG-1", "tabriz", 4, 3L))).changed()).singleElement()
                    .satisfies(a -> assertThat(a.status()).isEqualTo("instock"));

            assertThat(shop.events()).hasSize(6).first().asString().startsWith("RUG-1:").contains("\"status\":\"instock\"")
                    .contains("\"previous\":null");
            assertThat(shop.events().get(3)).contains("TEA-1").contains("onbackorder");

            assertThatThrownBy(() -> StockChange.read(RestJson.parse("[{\"sku\": \"A\", \"quantity\": 1}, {\"sku\": \"B\"}]")))
                    .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo("[1].quantity"));
            assertThatThrownBy(() -> StockChange.read(RestJson.parse("{\"sku\": \"../x\", \"quantity\": 1}")))
                    .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.field()).isEqualTo("sku"));
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aFeedsPositionIsSavedWithWhatItReadAndABadRowIsSkipped(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            Shop shop = shop(db, vendor);
            org.vafa.shop.stock.StockFeeds feeds = new org.vafa.shop.stock.StockFeeds(shop.stock());
            assertThat(feeds.position("erp-sql")).isEqualTo("0");
            org.apache.camel.Exchange rows = new org.apache.camel.support.DefaultExchange(new org.apache.camel.impl.DefaultCamelContext());
            rows.getMessage().setHeader(org.vafa.shop.stock.StockFeeds.FEED_HEADER, "erp-sql");
            // as camel-sql hands them: column names as the database spells them
            rows.getMessage().setBody(List.of(Map.of("SKU", "RUG-1", "WAREHOUSE", "main", "QUANTITY", new BigDecimal("4.000"), "SEQUENCE", 10L),
                    Map.of("SKU", "RUG-1", "WAREHOUSE", "tabriz", "QUANTITY", BigDecimal.ONE, "SEQUENCE", 12L)));
            assertThat(feeds.apply(rows).applied()).isEqualTo(2);
            assertThat(feeds.position("erp-sql")).isEqualTo("12");
            assertThat(shop.stock().availability(List.of("RUG-1")).get(0).quantity()).isEqualByComparingTo("5");

            // a row it cannot use is skipped (and logged), the rest applied: one bad row does not stop the feed
            rows.getMessage().setBody(List.of(Map.of("sku", "RUG-1", "quantity", 0, "sequence", 13L), Map.of("sku", "../bad", "quantity", 1,
                    "sequence", 14L)));
            assertThat(feeds.apply(rows).applied()).isEqualTo(1);
            assertThat(feeds.position("erp-sql")).isEqualTo("14");
            assertThat(shop.stock().availability(List.of("RUG-1")).get(0).quantity()).isEqualByComparingTo("1");
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void concurrentFeedsOnTheSameSkusEndInOneStateAndOneEventPerChange(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            Shop shop = shop(db, vendor);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Stock.Applied>> runs = new ArrayList<>();
                for (int feed = 0; feed < 4; feed++) {
                    long base = feed * 100L;
                    runs.add(pool.submit(() -> {
                        Stock.Applied last = null;
                        for (int i = 0; i < 25; i++) {
                            // every feed writes both SKUs, in opposite orders: no deadlock, sequences decide
                            List<StockChange> batch = i % 2 == 0
                                    ? List.of(change("A", null, i % 3, base + i), change("B", null, i % 3, base + i))
                                    : List.of(change("B", null, i % 3, base + i), change("A", null, i % 3, base + i));
                            last = shop.stock().apply(batch);
                        }
                        return last;
                    }));
                }
                for (Future<Stock.Applied> run : runs) {
                    run.get();
                }
            } finally {
                pool.shutdown();
            }
            // the highest sequence (feed 3, i = 24) holds: 24 % 3 = 0, out of stock
            assertThat(shop.stock().availability(List.of("A", "B"))).extracting(ShopStock.Availability::status)
                    .containsExactly("outofstock", "outofstock");
            for (String sku : List.of("A", "B")) {
                List<String> statuses = shop.events().stream().filter(e -> e.startsWith(sku + ":"))
                        .map(e -> RestJson.parse(e.substring(e.indexOf(':') + 1)).get("status").asText()).toList();
                for (int i = 1; i < statuses.size(); i++) {
                    assertThat(statuses.get(i)).as("each event is a change").isNotEqualTo(statuses.get(i - 1));
                }
                assertThat(statuses.get(statuses.size() - 1)).isEqualTo("outofstock");
            }
        }
    }
}
