package org.vafa.sms.messages;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** Hours in which non-urgent messages wait (e.g. 22:00-08:00, across midnight). */
public record QuietHours(LocalTime from, LocalTime to, ZoneId zone) {

    /** {@code text} as HH:mm-HH:mm; empty: none. */
    public static QuietHours parse(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] parts = text.trim().split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("quietHours is HH:mm-HH:mm, e.g. 22:00-08:00");
        }
        return new QuietHours(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()), zone);
    }

    /** {@code at}, or the end of the quiet hours it falls in. */
    public Instant sendableFrom(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime t = local.toLocalTime();
        boolean acrossMidnight = from.isAfter(to);
        boolean quiet = acrossMidnight ? !t.isBefore(from) || t.isBefore(to) : !t.isBefore(from) && t.isBefore(to);
        if (!quiet) {
            return at;
        }
        ZonedDateTime end = local.with(to);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.toInstant();
    }
}
