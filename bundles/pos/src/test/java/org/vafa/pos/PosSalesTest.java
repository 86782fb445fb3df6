package org.vafa.pos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.api.db.Database;
import org.vafa.club.ClubTestWiring;
import org.vafa.club.api.ClubCheckout;
import org.vafa.core.Standalone;
import org.vafa.core.db.VafaDatabase;
import org.vafa.core.rest.ApiKeys;
import org.vafa.pos.branches.Branches;
import org.vafa.pos.sales.PosSales;

/** Sales through the real club on both databases: what happens when a register goes away mid-sale. */
class PosSalesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A club with a programme and a member, a branch with a till, and a sale of 25,000,000 IRR to send. */
    private record Shop(HikariDataSource db, ClubTestWiring club, String ali, Database database, Branches branches,
                        Branches.Terminal till, JsonNode sale) {

        static Shop open(HikariDataSource db) throws Exception {
            ClubTestWiring club = ClubTestWiring.of(db);
            club.programme("{\"name\": \"shop\", \"currency\": \"IRR\", \"earn\": {\"points\": 1, \"per\": 100000}}");
            String ali = club.member("09121234567");
            Database database = Standalone.database(db, "test");
            VafaDatabase.migrate(db, "pos", PosSalesTest.class.getClassLoader());
            Branches branches = new Branches(database, new ApiKeys(db), () -> "pos");
            branches.create(new Branches.NewBranch("b1", "Branch 1", null));
            Branches.Terminal till = branches.addTerminal("b1", new Branches.NewTerminalRequest("till-1")).terminal();
            JsonNode sale = JSON.readTree("{\"receipt\": \"R1\", \"memberId\": \"" + ali + "\", \"currency\": \"IRR\","
                    + " \"lines\": [{\"sku\": \"tv\", \"category\": \"electronics\", \"quantity\": 1, \"unitPrice\": 25000000}]}");
            return new Shop(db, club, ali, database, branches, till, sale);
        }

        /** The registers' sales through a club that does {@code after} once it has answered a completed sale. */
        PosSales sales(ClubStep after) {
            ClubCheckout checkout = (ClubCheckout) Proxy.newProxyInstance(PosSalesTest.class.getClassLoader(),
                    new Class<?>[] {ClubCheckout.class}, (proxy, method, args) -> {
                        Object answer = method.invoke(club.checkout(), args);
                        if (method.getName().equals("complete")) {
                            after.run();
                        }
                        return answer;
                    });
            PosSales sales = new PosSales(database, Standalone.eventLog(db), branches, Standalone.defaults(PosConfig.class));
            sales.bindClub(checkout);
            return sales;
        }

        /** The club commits its part, then the process dies before the sale is recorded, ten minutes ago: only PENDING is left. */
        void leavePendingSale() throws Exception {
            PosSales dying = sales(() -> {
                throw new IllegalStateException("the server died here");
            });
            assertThatThrownBy(() -> dying.sell(till, sale)).hasMessageContaining("died");
            assertThat(club.count("SELECT COUNT(*) FROM pos_sale WHERE status = 'PENDING'")).isEqualTo(1);
        }

        void ageSales() throws Exception {
            try (Connection c = db.getConnection()) {
                c.createStatement().executeUpdate("UPDATE pos_sale SET received_at = received_at - INTERVAL '10' MINUTE");
            }
        }

        /** Recorded once: one completed sale, one line, one event, the club's points once. */
        void assertRecordedOnce() throws Exception {
            assertThat(club.count("SELECT COUNT(*) FROM pos_sale WHERE status = 'COMPLETED'")).isEqualTo(1);
            assertThat(club.count("SELECT COUNT(*) FROM pos_sale_line")).isEqualTo(1);
            assertThat(club.events("pos.sale.completed")).isEqualTo(1);
            assertThat(club.points().balance(ali).available()).as("the club counted the sale once").isEqualTo(250);
        }
    }

    @FunctionalInterface
    private interface ClubStep {
        void run() throws Exception;
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aSaleLeftPendingAfterTheClubCommittedIsCompletedOnceByTheRecovery(String vendor) throws Exception {
        try (HikariDataSource db = org.vafa.core.db.TestDatabases.fresh(vendor)) {
            Shop shop = Shop.open(db);
            shop.leavePendingSale();
            assertThat(shop.club().points().balance(shop.ali()).available()).as("the club's part is in").isEqualTo(250);
            PosSales sales = shop.sales(() -> { });
            assertThat(sales.completePendingNow()).as("too young: its register may still retry").isZero();
            shop.ageSales();
            assertThat(sales.completePendingNow()).isEqualTo(1);
            assertThat(sales.completePendingNow()).as("once").isZero();
            shop.assertRecordedOnce();
            assertThat(sales.sell(shop.till(), shop.sale()).applied()).as("the register's late retry").isFalse();
            assertThat(sales.sale(shop.till(), shop.till().id(), "R1").get("pointsEarned").asLong()).isEqualTo(250);
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void theRegistersRetryAndTheRecoveryCompletingOneSaleAtOnceBothAnswerTheSale(String vendor) throws Exception {
        try (HikariDataSource db = org.vafa.core.db.TestDatabases.fresh(vendor)) {
            Shop shop = Shop.open(db);
            shop.leavePendingSale();
            shop.ageSales();
            // both get the club's answer at the same moment, then record the sale together
            CyclicBarrier together = new CyclicBarrier(2);
            PosSales sales = shop.sales(() -> together.await(10, TimeUnit.SECONDS));
            ExecutorService two = Executors.newFixedThreadPool(2);
            try {
                var retry = two.submit(() -> sales.sell(shop.till(), shop.sale()));
                var recovery = two.submit(sales::completePendingNow);
                PosSales.Recorded answered = retry.get(30, TimeUnit.SECONDS);
                int recovered = recovery.get(30, TimeUnit.SECONDS);
                assertThat(answered.sale().get("receipt").asText()).isEqualTo("R1");
                assertThat(answered.sale().get("pointsEarned").asLong()).isEqualTo(250);
                assertThat((answered.applied() ? 1 : 0) + recovered).as("one of them recorded it").isEqualTo(1);
            } finally {
                two.shutdownNow();
            }
            shop.assertRecordedOnce();
        }
    }
}
