package org.vafa.club.points;

import org.vafa.club.members.Registration;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.club.ClubTestWiring;
import org.vafa.club.members.ClubDates;
import org.vafa.club.members.MemberJson;
import org.vafa.core.db.TestDatabases;

/** The daily routes' work: birthday and anniversary gifts, announcing released points; each idempotent. */
class DailyJobsTest {
    private static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran");

    private static String member(ClubTestWiring club, String mobile, String extra) throws Exception {
        return club.members().register(Registration.read(MemberJson.MAPPER.readTree("{\"firstName\": \"Sara\", \"lastName\": \"Ahmadi\","
                + " \"mobile\": \"" + mobile + "\"" + extra + "}"))).id();
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void birthdayGiftsOnTheJalaliDayOncePerYearAndOnlyForActiveMembers(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            club.programme("""
                    {"name": "shop", "currency": "IRR", "earn": {"points": 1, "per": 100000},
                     "bonuses": {"birthday": {"gift": 50, "calendar": "jalali"}, "anniversary": {"gift": 30}}}""");
            LocalDate nowruzDay = ClubDates.parse("1405-01-01");
            Instant nowruz = nowruzDay.atTime(9, 0).atZone(TEHRAN).toInstant();
            String sara = member(club, "09121234567", ", \"birthDate\": \"1370-01-01\"");
            // 1 Farvardin of another year falls on another Gregorian day: found all the same
            String reza = member(club, "09121234568", ", \"birthDate\": \"" + ClubDates.parse("1371-01-01") + "\"");
            String other = member(club, "09121234569", ", \"birthDate\": \"1370-01-02\"");
            String gone = member(club, "09121234570", ", \"birthDate\": \"1370-01-01\"");
            club.members().leave(gone);
            String married = member(club, "09121234571", ", \"anniversary\": \"" + nowruzDay.withYear(2010) + "\"");

            assertThat(club.bonuses().dayGifts(nowruz)).containsExactlyInAnyOrder(sara, reza, married);
            assertThat(club.bonuses().dayGifts(nowruz.plus(Duration.ofHours(5)))).as("again the same day").isEmpty();
            assertThat(club.points().balance(sara).available()).isEqualTo(50);
            assertThat(club.points().balance(married).available()).isEqualTo(30);
            assertThat(club.points().balance(other).available()).isZero();
            assertThat(club.points().balance(gone).available()).isZero();
            Instant nextNowruz = ClubDates.parse("1406-01-01").atTime(9, 0).atZone(TEHRAN).toInstant();
            assertThat(club.bonuses().dayGifts(nextNowruz)).as("next year").contains(sara);
            assertThat(club.points().balance(sara).available()).isEqualTo(100);
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void pendingPointsAreAnnouncedOnceWhenTheyBecomeSpendable(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            ClubTestWiring club = ClubTestWiring.of(db);
            String ali = club.member("09121234567");
            Instant release = Instant.now().plus(Duration.ofDays(14));
            club.points().earn(ali, 120, "pos:sale:1", release);
            club.points().earn(ali, 80, "pos:sale:2", release);
            club.points().reverse(ali, "pos:sale:2", "refund:2", BigDecimal.ONE);
            assertThat(club.points().announceReleased(Instant.now())).as("not yet").isZero();
            Instant later = release.plus(Duration.ofHours(1));
            assertThat(club.points().announceReleased(later)).isEqualTo(2);
            assertThat(club.points().announceReleased(later)).isZero();
            assertThat(club.events("club.points.released")).as("what a refund took back is not announced").isEqualTo(1);
            assertThat(club.count("SELECT COALESCE(SUM(points), 0) FROM club_points_entry WHERE kind = 'RELEASE'")).isZero();
        }
    }
}
