package org.vafa.club.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.vafa.club.ClubTestWiring;
import org.vafa.core.db.TestDatabases;

/** The dashboard's figures are kept, and refreshed in the background once older than their age limit. */
class ClubDashboardTest {

    @Test
    void theFiguresAreKeptThenRefreshedInTheBackground() throws Exception {
        try (HikariDataSource db = TestDatabases.fresh("h2")) {
            ClubTestWiring club = ClubTestWiring.of(db);
            club.member("09121110001");
            ClubDashboard kept = new ClubDashboard(club.reports(), Duration.ofHours(1));
            ClubDashboard.DashboardFigures first = kept.figures();
            assertThat(first.members().total()).isEqualTo(1);
            assertThat(first.joins()).hasSize(12);
            assertThat(first.joinsGregorian()).hasSize(12);
            assertThat(first.joinsGregorian().get(11).joined()).isEqualTo(1);
            assertThat(first.rfmSegments()).containsKey("champions");

            club.member("09121110002");
            assertThat(kept.figures()).as("young figures are served as they are").isSameAs(first);

            ClubDashboard refreshed = new ClubDashboard(club.reports(), Duration.ZERO);
            ClubDashboard.DashboardFigures old = refreshed.figures();
            club.member("09121110003");
            assertThat(refreshed.figures()).as("old figures are served while newer ones are computed").isSameAs(old);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (refreshed.figures().members().total() != 3 && System.nanoTime() < deadline) {
                Thread.onSpinWait(); // the background refresh
            }
            assertThat(refreshed.figures().members().total()).isEqualTo(3);

            club.member("09121110004");
            assertThat(kept.fresh().members().total()).as("asked for fresh figures, computed now").isEqualTo(4);
            assertThat(kept.figures().members().total()).as("and kept").isEqualTo(4);
        }
    }
}
