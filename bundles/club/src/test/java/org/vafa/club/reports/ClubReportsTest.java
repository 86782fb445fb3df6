package org.vafa.club.reports;

import org.vafa.club.members.Registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.api.rest.Problem;
import org.vafa.club.ClubTestWiring;
import org.vafa.club.members.ClubDates;
import org.vafa.club.members.MemberJson;
import org.vafa.core.db.TestDatabases;

/** The club's reports on both databases. */
class ClubReportsTest {

    private static String member(ClubTestWiring club, int n, String gender, LocalDate birth) throws Exception {
        return club.members().register(Registration.read(MemberJson.MAPPER.readTree("{\"firstName\": \"M\", \"lastName\": \"N" + n + "\", \"mobile\":"
                + " \"0912123450" + n + "\", \"gender\": \"" + gender + "\"" + (birth == null ? "" : ", \"birthDate\": \"" + birth + "\"")
                + "}"))).id();
    }

    /** Purchases in the past, as an offline register would have recorded them. */
    private static void purchases(HikariDataSource db, String memberId, int count, int lastDaysAgo) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO club_purchase (source, member_id, amount, currency, purchased_at) VALUES (?, ?, 1000000, 'IRR', ?)")) {
            for (int i = 0; i < count; i++) {
                ps.setString(1, memberId + ":" + i);
                ps.setString(2, memberId);
                ps.setTimestamp(3, Timestamp.from(Instant.now().minus(Duration.ofDays(lastDaysAgo + i))));
                ps.executeUpdate();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void membersByStatusTierGenderAndAgeAndJoinsPerMonthInBothCalendars(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            club.programme("""
                    {"name": "tiers", "currency": "IRR", "earn": {"points": 1, "per": 100000},
                     "tiers": {"windowMonths": 12, "levels": [{"name": "bronze", "from": 0}, {"name": "gold", "from": 50000000}]}}""");
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Tehran"));
            String a = member(club, 1, "female", today.minusYears(30));
            member(club, 2, "female", today.minusYears(19));
            member(club, 3, "male", null);
            String d = member(club, 4, "male", today.minusYears(70));
            club.members().leave(d);
            club.tiers().setManual(a, "gold", "VIP", "manager");

            ClubReports.MemberFigures figures = club.reports().members(Instant.now());
            assertThat(figures.total()).isEqualTo(3);
            assertThat(figures.byStatus()).containsEntry("active", 3L).containsEntry("left", 1L);
            assertThat(figures.byTier()).isEqualTo(Map.of("bronze", 2L, "gold", 1L));
            assertThat(figures.byGender()).isEqualTo(Map.of("female", 2L, "male", 1L));
            assertThat(figures.byAge()).containsEntry("25-34", 1L).containsEntry("18-24", 1L).containsEntry("unknown", 1L)
                    .containsEntry("65+", 0L);

            String month = YearMonth.from(today).toString();
            List<ClubReports.Month> gregorian = club.reports().joinsAndLeaves(YearMonth.from(today).minusMonths(2).toString(), month, "gregorian");
            assertThat(gregorian).hasSize(3);
            assertThat(gregorian.get(2)).isEqualTo(new ClubReports.Month(month, 4, 1));
            assertThat(gregorian.get(0).joined()).isZero();
            String jalaliMonth = ClubDates.jalali(today).substring(0, 7);
            List<ClubReports.Month> jalali = club.reports().joinsAndLeaves(jalaliMonth, jalaliMonth, "jalali");
            assertThat(jalali).containsExactly(new ClubReports.Month(jalaliMonth, 4, 1));
            String[] last12 = club.reports().lastTwelveMonths(Instant.now(), "jalali");
            assertThat(club.reports().joinsAndLeaves(last12[0], last12[1], "jalali")).hasSize(12);
            ClubTestWiring.refusedOn("from", () -> club.reports().joinsAndLeaves("1405-13", "1405-13", "jalali"));
            ClubTestWiring.refusedOn("calendar", () -> club.reports().joinsAndLeaves("2026-01", "2026-01", "lunar"));
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void pointsLiabilityIsWhatMembersCouldStillSpendAtTheRedemptionRate(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            club.programme("""
                    {"name": "shop", "currency": "IRR", "earn": {"points": 1, "per": 100000},
                     "redemption": {"points": 100, "value": 1000000}}""");
            String ali = club.member("09121234567");
            club.points().earn(ali, 1000, "pos:sale:1", null);
            club.points().earn(ali, 100, "pos:sale:2", Instant.now().plus(Duration.ofDays(7)));
            club.points().redeem(ali, 200, "pos:sale:3");
            club.points().adjust(ali, -50, "typo", "staff");
            club.points().reverse(ali, "pos:sale:1", "refund:1", new java.math.BigDecimal("0.1"));

            ClubReports.PointsFigures points = club.reports().points(Instant.now());
            assertThat(points.issued()).isEqualTo(1100);
            assertThat(points.redeemed()).isEqualTo(200);
            assertThat(points.takenBackByRefunds()).isEqualTo(100);
            assertThat(points.adjusted()).isEqualTo(-50);
            assertThat(points.outstanding()).isEqualTo(750);
            assertThat(points.pending()).isEqualTo(100);
            assertThat(points.liability()).isEqualByComparingTo("7500000");
            assertThat(points.outstanding()).as("the ledger agrees with the member's balance")
                    .isEqualTo(club.points().balance(ali).available() + club.points().balance(ali).pending());
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void rfmScoresAreQuintilesAndSegmentsFollowRecencyAndFrequency(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            String champion = club.member("09120000001");
            String loyal = club.member("09120000002");
            String sleepy = club.member("09120000003");
            String atRisk = club.member("09120000004");
            String hibernating = club.member("09120000005");
            purchases(db, champion, 10, 1);
            purchases(db, loyal, 8, 10);
            purchases(db, sleepy, 1, 30);
            purchases(db, atRisk, 5, 200);
            purchases(db, hibernating, 2, 300);
            String longAgo = club.member("09120000006");
            purchases(db, longAgo, 3, 500); // outside the 12-month window

            ClubReports.RfmReport report = club.reports().rfm(Instant.now(), 12, null, null, 100, 0);
            assertThat(report.members()).isEqualTo(5);
            assertThat(report.page()).extracting(ClubReports.Rfm::memberId).first().isEqualTo(champion);
            Map<String, String> segments = new java.util.HashMap<>();
            report.page().forEach(r -> segments.put(r.memberId(), r.segment()));
            assertThat(segments).isEqualTo(Map.of(champion, "champions", loyal, "loyal", sleepy, "about-to-sleep", atRisk, "at-risk",
                    hibernating, "hibernating"));
            ClubReports.Rfm top = report.page().get(0);
            assertThat(List.of(top.recency(), top.frequency(), top.monetary())).containsExactly(5, 5, 5);
            assertThat(top.purchases()).isEqualTo(10);
            assertThat(report.segments()).containsEntry("champions", 1L).containsEntry("lost", 0L);
            assertThat(club.reports().rfm(Instant.now(), 12, "at-risk", null, 100, 0).page()).extracting(ClubReports.Rfm::memberId)
                    .containsExactly(atRisk);
            assertThat(club.reports().rfm(Instant.now(), 24, null, longAgo, 100, 0).page()).hasSize(1);
            ClubTestWiring.refusedOn("segment", () -> club.reports().rfm(Instant.now(), 12, "vip", null, 10, 0));
        }
    }

    @Test
    void everyScoreHasASegment() {
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                assertThat(RfmSegments.NAMES).contains(RfmSegments.of(r, f));
            }
        }
        assertThat(RfmSegments.of(1, 1)).isEqualTo("lost");
        assertThat(RfmSegments.of(1, 5)).isEqualTo("cannot-lose");
        assertThat(RfmSegments.of(5, 1)).isEqualTo("new");
    }
}
