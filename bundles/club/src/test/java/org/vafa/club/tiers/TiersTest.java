package org.vafa.club.tiers;

import org.vafa.club.members.Registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.api.rest.Problem;
import org.vafa.club.ClubTestWiring;
import org.vafa.club.members.MemberJson;
import org.vafa.club.rules.Purchase;
import org.vafa.club.sales.Sales;
import org.vafa.core.db.TestDatabases;

/** Tiers by rolling spend, with purchases and refunds through Sales, on both databases. */
class TiersTest {
    private static final String PROGRAMME = """
            {"name": "tiers", "currency": "IRR", "earn": {"points": 1, "per": 100000},
             "tierMultipliers": {"silver": 1.5, "gold": 2},
             "tiers": {"windowMonths": 12, "graceMonths": 1, "levels": [
                 {"name": "bronze", "from": 0}, {"name": "silver", "from": 10000000}, {"name": "gold", "from": 30000000}]}}""";

    private static ClubTestWiring club(HikariDataSource db) throws Exception {
        ClubTestWiring club = ClubTestWiring.of(db);
        club.rules().replace(MemberJson.MAPPER.readTree(PROGRAMME), "test");
        return club;
    }

    private static String member(ClubTestWiring club) throws Exception {
        return club.members().register(Registration.read(MemberJson.MAPPER.readTree(
                "{\"firstName\": \"Ali\", \"lastName\": \"Karimi\", \"mobile\": \"09121234567\"}"))).id();
    }

    private static Purchase spend(long rial) {
        return new Purchase(List.of(new Purchase.Line("x", "grocery", BigDecimal.ONE, BigDecimal.valueOf(rial))), "IRR", "b1",
                LocalDate.now());
    }

    private static long events(HikariDataSource db, String type) throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM vafa_event WHERE event_type = '" + type + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void upAtOnceEarnAtTheNewTierAndARefundTakesItBackInTheSameTransaction(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = club(db);
            String ali = member(club);
            Sales sales = club.sales();
            Sales.Recorded big = sales.purchase(ali, "pos:sale:1", spend(12_000_000));
            assertThat(big.earning().points()).as("earned at bronze").isEqualTo(120);
            assertThat(big.tier()).isEqualTo("silver");
            assertThat(sales.purchase(ali, "pos:sale:1", spend(12_000_000)).applied()).as("a replay").isFalse();
            Sales.Recorded next = sales.purchase(ali, "pos:sale:2", spend(1_000_000));
            assertThat(next.earning().points()).as("silver ×1.5").isEqualTo(15);
            MemberTiers.TierProgress progress = club.tiers().progress(ali, java.time.Instant.now()).orElseThrow();
            assertThat(progress.tier()).isEqualTo("silver");
            assertThat(progress.basis()).isEqualTo("spend");
            assertThat(progress.counted()).as("13 million spent of the 30 gold needs").isEqualByComparingTo("13000000");
            assertThat(progress.next()).isEqualTo("gold");
            assertThat(progress.nextFrom()).isEqualByComparingTo("30000000");

            Sales.Recorded refunded = sales.refund(ali, "pos:sale:1", "pos:refund:1", BigDecimal.ONE);
            assertThat(refunded.tier()).as("the spend that raised the tier is gone").isEqualTo("bronze");
            assertThat(refunded.balance().available()).isEqualTo(15);
            assertThat(sales.refund(ali, "pos:sale:1", "pos:refund:1", BigDecimal.ONE).applied()).isFalse();
            assertThat(club.tiers().tier(ali).orElseThrow().reason()).contains("refund");
            assertThat(events(db, "club.tier.changed")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void noTierEventWhenTheTierDoesNotChange(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = club(db);
            String ali = member(club);
            club.sales().purchase(ali, "pos:sale:1", spend(1_000_000)); // stays bronze
            club.tiers().setManual(ali, "bronze", "checked by hand", "staff");
            club.tiers().clearManual(ali);
            assertThat(events(db, "club.tier.changed")).isZero();
            club.tiers().setManual(ali, "gold", "VIP", "staff");
            assertThat(events(db, "club.tier.changed")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aTierDropsOnlyAtReQualificationAfterTheGrace(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = club(db);
            String ali = member(club);
            club.sales().purchase(ali, "pos:sale:1", spend(35_000_000));
            assertThat(club.tiers().tier(ali).orElseThrow().tier()).isEqualTo("gold");
            Instant now = Instant.now();
            assertThat(club.tiers().requalifyDue(now.plus(Duration.ofDays(380)))).as("still in the grace month").isEmpty();
            assertThat(club.tiers().requalifyDue(now.plus(Duration.ofDays(400)))).containsExactly(ali);
            MemberTiers.TierState dropped = club.tiers().tier(ali).orElseThrow();
            assertThat(dropped.tier()).isEqualTo("bronze");
            assertThat(dropped.reason()).contains("re-qualification");
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aTierSetByHandIsHonouredUntilCleared(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = club(db);
            String ali = member(club);
            MemberTiers tiers = club.tiers();
            ClubTestWiring.refusedOn("tier", () -> tiers.setManual(ali, "platinum", "vip", "staff-1"));
            MemberTiers.TierState vip = tiers.setManual(ali, "gold", "board member", "staff-1");
            assertThat(vip.manual()).isTrue();
            assertThat(vip.reason()).contains("staff-1");
            assertThat(club.sales().purchase(ali, "pos:sale:1", spend(1_000_000)).earning().points()).as("gold ×2").isEqualTo(20);
            assertThat(tiers.requalifyDue(Instant.now().plus(Duration.ofDays(500)))).isEmpty();
            assertThat(tiers.tier(ali).orElseThrow().tier()).isEqualTo("gold");
            assertThat(tiers.clearManual(ali).tier()).isEqualTo("bronze");
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void tiersOnPointsEarnedCountWhatRefundsTookBack(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            club.programme("""
                    {"name": "points tiers", "currency": "IRR", "earn": {"points": 1, "per": 100000},
                     "tiers": {"basis": "points", "windowMonths": 12, "levels": [
                         {"name": "bronze", "from": 0}, {"name": "silver", "from": 100}]}}""");
            String ali = member(club);
            club.sales().purchase(ali, "pos:sale:1", spend(6_000_000));
            assertThat(club.tiers().tier(ali).orElseThrow().tier()).isEqualTo("bronze");
            club.sales().purchase(ali, "pos:sale:2", spend(5_000_000));
            MemberTiers.TierState silver = club.tiers().tier(ali).orElseThrow();
            assertThat(silver.tier()).isEqualTo("silver");
            assertThat(silver.reason()).contains("points earned");
            club.sales().refund(ali, "pos:sale:2", "refund:2", BigDecimal.ONE);
            assertThat(club.tiers().tier(ali).orElseThrow().tier()).as("the refund took the points that raised it").isEqualTo("bronze");
        }
    }

    @org.junit.jupiter.api.Test
    void aTierBasisOtherThanSpendOrPointsIsRefused() {
        assertThatThrownBy(() -> org.vafa.club.rules.RuleSet.parse("""
                {"name": "x", "currency": "IRR", "earn": {"points": 1, "per": 1},
                 "tiers": {"basis": "visits", "windowMonths": 12, "levels": [{"name": "a", "from": 0}, {"name": "b", "from": 1}]}}"""))
                .isInstanceOfSatisfying(org.vafa.club.rules.RuleSet.Invalid.class, e -> assertThat(e.path()).isEqualTo("tiers.basis"));
    }
}
