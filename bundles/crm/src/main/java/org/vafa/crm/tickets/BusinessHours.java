package org.vafa.crm.tickets;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Working time for SLA clocks: a week of opening hours ({@code SAT-WED 08:00-17:00; THU 08:00-13:00}, the rest
 * closed) and holidays, in the platform's time zone. {@link #plus} finds when an amount of working time has passed.
 */
public final class BusinessHours {
    private static final Pattern PART = Pattern.compile("([A-Z]{3})(?:-([A-Z]{3}))?\\s+(\\d{2}:\\d{2})-(\\d{2}:\\d{2})");
    private static final List<DayOfWeek> WEEK = List.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

    private final Map<DayOfWeek, LocalTime[]> hours;
    private final Set<LocalDate> holidays;
    private final ZoneId zone;

    private BusinessHours(Map<DayOfWeek, LocalTime[]> hours, Set<LocalDate> holidays, ZoneId zone) {
        this.hours = hours;
        this.holidays = holidays;
        this.zone = zone;
    }

    /**
     * @param week     e.g. {@code SAT-WED 08:00-17:00; THU 08:00-13:00} (days from Saturday, as the Iranian week runs;
     *                 {@code 24:00} ends a day)
     * @param holidays ISO dates, comma-separated, or empty
     * @throws IllegalArgumentException naming what is wrong
     */
    public static BusinessHours parse(String week, String holidays, ZoneId zone) {
        Map<DayOfWeek, LocalTime[]> hours = new EnumMap<>(DayOfWeek.class);
        for (String part : week.split(";")) {
            Matcher m = PART.matcher(part.trim().toUpperCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not like SAT-WED 08:00-17:00");
            }
            int from = WEEK.indexOf(day(m.group(1)));
            int to = m.group(2) == null ? from : WEEK.indexOf(day(m.group(2)));
            LocalTime open = LocalTime.parse(m.group(3));
            LocalTime close = m.group(4).equals("24:00") ? LocalTime.MAX : LocalTime.parse(m.group(4));
            if (!close.isAfter(open) || to < from) {
                throw new IllegalArgumentException("'" + part.trim() + "': the days and hours must run forwards");
            }
            for (int d = from; d <= to; d++) {
                hours.put(WEEK.get(d), new LocalTime[] {open, close});
            }
        }
        Set<LocalDate> off = new HashSet<>();
        for (String date : holidays == null ? new String[0] : holidays.split(",")) {
            if (!date.isBlank()) {
                off.add(LocalDate.parse(date.trim()));
            }
        }
        return new BusinessHours(hours, off, zone);
    }

    private static DayOfWeek day(String abbreviation) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(abbreviation)) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + abbreviation + "' is not a day (SAT, SUN, MON, TUE, WED, THU, FRI)");
    }

    /** When {@code work} of working time has passed after {@code start}. */
    public Instant plus(Instant start, Duration work) {
        if (hours.isEmpty()) {
            throw new IllegalStateException("No working hours in the week");
        }
        ZonedDateTime at = start.atZone(zone);
        Duration left = work;
        for (int days = 0; days < 3660; days++) {
            LocalDate date = at.toLocalDate();
            LocalTime[] open = holidays.contains(date) ? null : hours.get(date.getDayOfWeek());
            if (open != null) {
                ZonedDateTime opens = date.atTime(open[0]).atZone(zone);
                ZonedDateTime closes = open[1] == LocalTime.MAX ? date.plusDays(1).atStartOfDay(zone) : date.atTime(open[1]).atZone(zone);
                ZonedDateTime from = at.isAfter(opens) ? at : opens;
                if (from.isBefore(closes)) {
                    Duration today = Duration.between(from, closes);
                    if (today.compareTo(left) >= 0) {
                        return from.plus(left).toInstant();
                    }
                    left = left.minus(today);
                }
            }
            at = date.plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalStateException("Working time beyond ten years");
    }

    /** The working time between two instants (zero if {@code to} is not after {@code from}). */
    public Duration between(Instant from, Instant to) {
        Duration total = Duration.ZERO;
        ZonedDateTime at = from.atZone(zone);
        ZonedDateTime end = to.atZone(zone);
        while (at.isBefore(end)) {
            LocalDate date = at.toLocalDate();
            ZonedDateTime nextDay = date.plusDays(1).atStartOfDay(zone);
            LocalTime[] open = holidays.contains(date) ? null : hours.get(date.getDayOfWeek());
            if (open != null) {
                ZonedDateTime opens = date.atTime(open[0]).atZone(zone);
                ZonedDateTime closes = open[1] == LocalTime.MAX ? nextDay : date.atTime(open[1]).atZone(zone);
                ZonedDateTime a = at.isAfter(opens) ? at : opens;
                ZonedDateTime b = end.isBefore(closes) ? end : closes;
                if (b.isAfter(a)) {
                    total = total.plus(Duration.between(a, b));
                }
            }
            at = nextDay;
        }
        return total;
    }

    /** {@code low=8h,normal=4h,high=1h,urgent=30m}: a duration per priority ({@code s}, {@code m}, {@code h}). */
    public static Map<String, Duration> perPriority(String text) {
        Map<String, Duration> out = new java.util.HashMap<>();
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2 || !kv[1].trim().matches("\\d+[smh]")) {
                throw new IllegalArgumentException("'" + part.trim() + "' is not like normal=4h");
            }
            String v = kv[1].trim();
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            out.put(kv[0].trim(), switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
        }
        return out;
    }
}
