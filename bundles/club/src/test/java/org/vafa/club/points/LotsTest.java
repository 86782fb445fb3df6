package org.vafa.club.points;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LotsTest {
    private static final Instant JAN = Instant.parse("2025-01-10T10:00:00Z");
    private static final Instant MAR = Instant.parse("2025-03-10T10:00:00Z");
    private static final Instant JUN = Instant.parse("2025-06-10T10:00:00Z");
    private static final Instant NOW = Instant.parse("2026-02-15T10:00:00Z");
    private static final Instant CUTOFF = Instant.parse("2025-02-15T10:00:00Z"); // 12 months before NOW

    @Test
    void spendingUsesTheOldestPointsFirstSoOnlyTheRestOfOldLotsExpires() {
        List<Lots.Entry> entries = List.of(new Lots.Entry(100, JAN), new Lots.Entry(50, MAR), new Lots.Entry(-30, JUN));
        assertThat(Lots.expiring(entries, CUTOFF, NOW)).isEqualTo(70);
        assertThat(Lots.expiring(entries, Instant.parse("2025-04-01T00:00:00Z"), NOW)).isEqualTo(120);
    }

    @Test
    void anExpiryAlreadyBookedUsesUpTheLotItExpired() {
        List<Lots.Entry> entries = List.of(new Lots.Entry(100, JAN), new Lots.Entry(50, MAR), new Lots.Entry(-100, NOW));
        assertThat(Lots.expiring(entries, CUTOFF, NOW)).isZero();
    }

    @Test
    void aNegativeBalanceIsCoveredByTheNextCreditsFirst() {
        List<Lots.Entry> entries = List.of(new Lots.Entry(-20, JAN), new Lots.Entry(50, JAN.plusSeconds(60)));
        assertThat(Lots.expiring(entries, CUTOFF, NOW)).isEqualTo(30);
    }

    @Test
    void pointsNotSpendableYetAreNotCounted() {
        List<Lots.Entry> entries = List.of(new Lots.Entry(100, JAN), new Lots.Entry(40, NOW.plusSeconds(3600)));
        assertThat(Lots.expiring(entries, CUTOFF, NOW)).isEqualTo(100);
    }
}
