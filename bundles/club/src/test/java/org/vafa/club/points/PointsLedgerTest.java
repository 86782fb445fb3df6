package org.vafa.club.points;

import org.vafa.club.members.Registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.api.rest.Problem;
import org.vafa.club.ClubTestWiring;
import org.vafa.club.members.MemberJson;
import org.vafa.core.db.TestDatabases;

/** The points ledger on both databases. */
class PointsLedgerTest {

    private static String member(ClubTestWiring club, String mobile) throws Exception {
        return club.members().register(Registration.read(MemberJson.MAPPER.readTree(
                "{\"firstName\": \"Ali\", \"lastName\": \"Karimi\", \"mobile\": \"" + mobile + "\"}"))).id();
    }

    private static long count(HikariDataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aSourceEarnsOnceAndPendingPointsAreNotSpendable(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            String ali = member(club, "09121234567");
            PointsLedger points = club.points();
            assertThat(points.earn(ali, 100, "pos:sale:1", null).applied()).isTrue();
            PointsLedger.Outcome replay = points.earn(ali, 100, "pos:sale:1", null);
            assertThat(replay.applied()).isFalse();
            assertThat(replay.balance().available()).isEqualTo(100);

            points.earn(ali, 50, "pos:sale:2", Instant.now().plus(Duration.ofDays(14)));
            PointsLedger.Balance balance = points.balance(ali);
            assertThat(balance.available()).isEqualTo(100);
            assertThat(balance.pending()).isEqualTo(50);
            assertThat(balance.lifetimeEarned()).isEqualTo(150);
            ClubTestWiring.refusedOn("points", () -> points.redeem(ali, 120, "pos:sale:3"));

            String mina = member(club, "09351112233");
            assertThatThrownBy(() -> points.earn(mina, 100, "pos:sale:1", null)).as("the sale belongs to Ali")
                    .isInstanceOfSatisfying(Problem.class, p -> assertThat(p.status()).isEqualTo(409));
            assertThat(count(db, "SELECT COUNT(*) FROM club_points_entry")).isEqualTo(2);
            assertThat(count(db, "SELECT COUNT(*) FROM vafa_event WHERE event_type = 'club.points.earned'")).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void refundsTakeBackWhatTheSaleEarnedAndGiveBackWhatItRedeemedProportionallyAndOnce(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            String ali = member(club, "09121234567");
            PointsLedger points = club.points();
            points.earn(ali, 200, "pos:sale:0", null); // an earlier sale
            points.redeem(ali, 40, "pos:sale:1");       // the sale paid partly with points ...
            points.earn(ali, 100, "pos:sale:1", null);  // ... and earned points
            assertThat(points.balance(ali).available()).isEqualTo(260);

            PointsLedger.Outcome half = points.reverse(ali, "pos:sale:1", "pos:refund:1", new BigDecimal("0.5"));
            assertThat(half.balance().available()).isEqualTo(260 - 50 + 20);
            assertThat(points.reverse(ali, "pos:sale:1", "pos:refund:1", new BigDecimal("0.5")).applied()).as("replayed").isFalse();
            points.reverse(ali, "pos:sale:1", "pos:refund:2", new BigDecimal("0.7")); // more than is left: only the rest
            PointsLedger.Balance after = points.balance(ali);
            assertThat(after.available()).as("as if sale 1 never happened").isEqualTo(200);
            assertThat(after.lifetimeEarned()).isEqualTo(200);
            assertThat(after.lifetimeRedeemed()).isZero();
            assertThat(points.reverse(ali, "pos:sale:1", "pos:refund:3", BigDecimal.ONE).balance().available()).isEqualTo(200);
            ClubTestWiring.refusedOn("source", () -> points.reverse(ali, "pos:sale:9", "pos:refund:4", BigDecimal.ONE));
            assertThat(PointsLedger.share(15, new BigDecimal("0.5"))).isEqualTo(8);
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void concurrentRedemptionsCannotOverdraw(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            String ali = member(club, "09121234567");
            PointsLedger points = club.points();
            points.earn(ali, 100, "bonus:join", null);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                Callable<Boolean> redeem = () -> {
                    try {
                        return points.redeem(ali, 60, "pos:sale:r" + n).applied();
                    } catch (Problem notEnough) {
                        return false;
                    }
                };
                tries.add(pool.submit(redeem));
            }
            int succeeded = 0;
            for (Future<Boolean> f : tries) {
                succeeded += f.get() ? 1 : 0;
            }
            pool.shutdown();
            assertThat(succeeded).isEqualTo(1);
            assertThat(points.balance(ali).available()).isEqualTo(40);
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void pointsExpireOldestFirstOncePerDay(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            String ali = member(club, "09121234567");
            String mina = member(club, "09351112233");
            PointsLedger points = club.points();
            Instant now = Instant.now();
            points.earn(ali, 100, "pos:sale:1", null);
            points.redeem(ali, 30, "pos:sale:2");
            points.earn(ali, 50, "pos:sale:3", now.plus(Duration.ofDays(60))); // spendable in two months
            points.earn(mina, 10, "pos:sale:4", null);
            points.redeem(mina, 10, "pos:sale:5");

            Instant thirteenMonthsOn = now.plus(Duration.ofDays(396));
            assertThat(points.expireDue(thirteenMonthsOn)).containsExactly(ali); // Mina has nothing left to expire
            assertThat(points.expireDue(thirteenMonthsOn)).as("once per day").isEmpty();
            PointsLedger.Balance balance = points.balance(ali);
            assertThat(balance.available()).isZero();
            assertThat(balance.pending()).as("the later lot is untouched").isEqualTo(50);
            assertThat(points.history(ali, 1).get(0).points()).isEqualTo(-70);
            assertThat(count(db, "SELECT COUNT(*) FROM vafa_event WHERE event_type = 'club.points.expired'")).isEqualTo(1);
            assertThat(points.expireDue(now)).as("nothing is a year old yet").isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void adjustmentsNeedAReasonAndKeepWhoMadeThem(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            String ali = member(club, "09121234567");
            PointsLedger points = club.points();
            points.adjust(ali, 25, "goodwill after a late delivery", "staff-7");
            ClubTestWiring.refusedOn("reason", () -> points.adjust(ali, 5, " ", "staff-7"));
            PointsLedger.Entry entry = points.history(ali, 10).get(0);
            assertThat(entry.kind()).isEqualTo("ADJUST");
            assertThat(entry.operator()).isEqualTo("staff-7");
            assertThat(points.balance(ali).available()).isEqualTo(25);
            assertThatThrownBy(() -> points.balance("nobody")).isInstanceOfSatisfying(Problem.class,
                    p -> assertThat(p.status()).isEqualTo(404));
        }
    }
}
