package org.vafa.pos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.util.Set;
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

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aSaleLeftPendingAfterTheClubCommittedIsCompletedOnceByTheRecovery(String vendor) throws Exception {
        try (HikariDataSource db = org.vafa.core.db.TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            club.programme("{\"name\": \"shop\", \"currency\": \"IRR\", \"earn\": {\"points\": 1, \"per\": 100000}}");
            String ali = club.member("09121234567");
            Database database = Standalone.database(db, "test");
            VafaDatabase.migrate(db, "pos", PosSalesTest.class.getClassLoader());
            Branches branches = new Branches(database, new ApiKeys(db));
            PosSales sales = new PosSales(database, Standalone.eventLog(db), branches, club.checkout(),
                    Standalone.defaults(PosConfig.class));
            branches.create(JSON.readTree("{\"code\": \"b1\", \"name\": \"Branch 1\"}"));
            Branches.Terminal till = branches.addTerminal("b1", JSON.readTree("{\"name\": \"till-1\"}")).terminal();
            JsonNode sale = JSON.readTree("{\"receipt\": \"R1\", \"memberId\": \"" + ali + "\", \"currency\": \"IRR\","
                    + " \"lines\": [{\"sku\": \"tv\", \"category\": \"electronics\", \"quantity\": 1, \"unitPrice\": 25000000}]}");

            // the club commits its part, then the process dies before the sale is recorded: only the PENDING row is left
            ClubCheckout dying = (ClubCheckout) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ClubCheckout.class}, (proxy, method, args) -> {
                        Object answer = method.invoke(club.checkout(), args);
                        if (method.getName().equals("complete")) {
                            throw new IllegalStateException("the server died here");
                        }
                        return answer;
                    });
            PosSales dyingSales = new PosSales(database, Standalone.eventLog(db), branches, dying, Standalone.defaults(PosConfig.class));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> dyingSales.sell(till, sale)).hasMessageContaining("died");
            assertThat(club.count("SELECT COUNT(*) FROM pos_sale WHERE status = 'PENDING'")).isEqualTo(1);
            assertThat(club.points().balance(ali).available()).as("the club's part is in").isEqualTo(250);
            assertThat(sales.completePendingNow()).as("too young: its register may still retry").isZero();
            try (Connection c = db.getConnection()) {
                c.createStatement().executeUpdate("UPDATE pos_sale SET received_at = received_at - INTERVAL '10' MINUTE");
            }
            assertThat(sales.completePendingNow()).isEqualTo(1);
            assertThat(sales.completePendingNow()).as("once").isZero();
            assertThat(club.points().balance(ali).available()).as("the club counted the sale once").isEqualTo(250);
            assertThat(club.count("SELECT COUNT(*) FROM pos_sale WHERE status = 'COMPLETED'")).isEqualTo(1);
            assertThat(club.count("SELECT COUNT(*) FROM pos_sale_line")).isEqualTo(1);
            assertThat(sales.sell(till, sale).applied()).as("the register's late retry").isFalse();
            assertThat(sales.sale(till, till.id(), "R1").get("pointsEarned").asLong()).isEqualTo(250);
            assertThat(club.events("pos.sale.completed")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void theRegistersRetryAndTheRecoveryCompletingOneSaleAtOnceBothAnswerTheSale(String vendor) throws Exception {
        try (HikariDataSource db = org.vafa.core.db.TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            club.programme("{\"name\": \"shop\", \"currency\": \"IRR\", \"earn\": {\"points\": 1, \"per\": 100000}}");
            String ali = club.member("09121234567");
            Database database = Standalone.database(db, "test");
            VafaDatabase.migrate(db, "pos", PosSalesTest.class.getClassLoader());
            Branches branches = new Branches(database, new ApiKeys(db));
            branches.create(JSON.readTree("{\"code\": \"b1\", \"name\": \"Branch 1\"}"));
            Branches.Terminal till = branches.addTerminal("b1", JSON.readTree("{\"name\": \"till-1\"}")).terminal();
            JsonNode sale = JSON.readTree("{\"receipt\": \"R1\", \"memberId\": \"" + ali + "\", \"currency\": \"IRR\","
                    + " \"lines\": [{\"sku\": \"tv\", \"category\": \"electronics\", \"quantity\": 1, \"unitPrice\": 25000000}]}");
            ClubCheckout dying = (ClubCheckout) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ClubCheckout.class}, (proxy, method, args) -> {
                        Object answer = method.invoke(club.checkout(), args);
                        if (method.getName().equals("complete")) {
                            throw new IllegalStateException("the server died here");
                        }
                        return answer;
                    });
            PosSales dyingSales = new PosSales(database, Standalone.eventLog(db), branches, dying, Standalone.defaults(PosConfig.class));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> dyingSales.sell(till, sale)).hasMessageContaining("died");
            try (Connection c = db.getConnection()) {
                c.createStatement().executeUpdate("UPDATE pos_sale SET received_at = received_at - INTERVAL '10' MINUTE");
            }
            // both get the club's answer at the same moment, then record the sale together
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
            ClubCheckout meeting = (ClubCheckout) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ClubCheckout.class}, (proxy, method, args) -> {
                        Object answer = method.invoke(club.checkout(), args);
                        if (method.getName().equals("complete")) {
                            together.await(10, java.util.concurrent.TimeUnit.SECONDS);
                        }
                        return answer;
                    });
            PosSales sales = new PosSales(database, Standalone.eventLog(db), branches, meeting, Standalone.defaults(PosConfig.class));
            java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
            try {
                var retry = two.submit(() -> sales.sell(till, sale));
                var recovery = two.submit(sales::completePendingNow);
                PosSales.Recorded answered = retry.get(30, java.util.concurrent.TimeUnit.SECONDS);
                int recovered = recovery.get(30, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(answered.sale().get("receipt").asText()).isEqualTo("R1");
                assertThat(answered.sale().get("pointsEarned").asLong()).isEqualTo(250);
                assertThat((answered.applied() ? 1 : 0) + recovered).as("one of them recorded it").isEqualTo(1);
            } finally {
                two.shutdownNow();
            }
            assertThat(club.count("SELECT COUNT(*) FROM pos_sale WHERE status = 'COMPLETED'")).isEqualTo(1);
            assertThat(club.count("SELECT COUNT(*) FROM pos_sale_line")).isEqualTo(1);
            assertThat(club.events("pos.sale.completed")).isEqualTo(1);
            assertThat(club.points().balance(ali).available()).isEqualTo(250);
        }
    }
}
