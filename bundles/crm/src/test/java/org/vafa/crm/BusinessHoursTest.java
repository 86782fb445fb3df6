package org.vafa.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.vafa.crm.tickets.BusinessHours;

/** The Iranian working week, hand-counted: Saturday to Wednesday 08:00-17:00, Thursday 08:00-13:00, Friday off. */
class BusinessHoursTest {
    private static final ZoneId TEHRAN = ZoneId.of("Asia/Tehran");
    private final BusinessHours iran = BusinessHours.parse("SAT-WED 08:00-17:00; THU 08:00-13:00", "2026-12-19", TEHRAN);

    private static Instant tehran(String local) {
        return java.time.LocalDateTime.parse(local).atZone(TEHRAN).toInstant();
    }

    @Test
    void workingTimeSkipsNightsFridaysAndHolidays() {
        // Wednesday 2026-12-16 16:00 + 4 h: 1 h on Wednesday, 3 h on Thursday morning
        assertThat(iran.plus(tehran("2026-12-16T16:00"), Duration.ofHours(4))).isEqualTo(tehran("2026-12-17T11:00"));
        // Thursday 12:00 + 4 h: 1 h on Thursday, Friday off, Saturday 2026-12-19 a holiday, so Sunday 11:00
        assertThat(iran.plus(tehran("2026-12-17T12:00"), Duration.ofHours(4))).isEqualTo(tehran("2026-12-20T11:00"));
        // filed at night: the clock starts at the next opening
        assertThat(iran.plus(tehran("2026-12-14T22:30"), Duration.ofMinutes(30))).isEqualTo(tehran("2026-12-15T08:30"));
        assertThat(iran.between(tehran("2026-12-16T16:00"), tehran("2026-12-17T11:00"))).isEqualTo(Duration.ofHours(4));
        assertThat(iran.between(tehran("2026-12-18T09:00"), tehran("2026-12-18T12:00"))).as("a Friday").isZero();
    }

    @Test
    void aRoundTheClockWeekAndBadSettings() {
        BusinessHours always = BusinessHours.parse("SAT-FRI 00:00-24:00", "", TEHRAN);
        assertThat(always.plus(tehran("2026-12-18T23:59:58"), Duration.ofSeconds(3))).isEqualTo(tehran("2026-12-19T00:00:01"));
        assertThatThrownBy(() -> BusinessHours.parse("WED-SAT 08:00-17:00", "", TEHRAN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BusinessHours.parse("SAT 17:00-08:00", "", TEHRAN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(BusinessHours.perPriority("normal=4h,urgent=30m,low=5s").get("urgent")).isEqualTo(Duration.ofMinutes(30));
    }
}
