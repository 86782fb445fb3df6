package org.vafa.club.reports;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.rest.Problem;
import org.vafa.api.db.Sql;
import org.vafa.api.locale.PlatformLocale;
import org.vafa.club.members.ClubDates;
import org.vafa.club.members.Members;
import org.vafa.club.rules.ClubRules;
import org.vafa.club.rules.RuleSet;

/**
 * The club in figures, computed from the ledgers and member rows when asked (nothing is kept
 * aside that could disagree with them): members by status, tier, gender and age; joins and leaves per
 * month (Gregorian or Jalali); points issued, redeemed, expired and outstanding; RFM scores.
 * Routes reach it as {@code bean:clubReports}.
 */
@Component(service = ClubReports.class, property = "name=clubReports", configurationPid = "org.vafa.club",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class ClubReports {
    static final List<int[]> AGE_BANDS = List.of(new int[] {0, 17}, new int[] {18, 24}, new int[] {25, 34}, new int[] {35, 44},
            new int[] {45, 54}, new int[] {55, 64}, new int[] {65, 200});

    @Reference
    private Database database;
    @Reference
    private ClubRules rules;
    @Reference
    private Members members; // schema first

    private ZoneId zone;

    public ClubReports() {
    }

    @Reference
    private PlatformLocale locale;

    @Activate
    void activate() {
        zone = locale.timeZone();
    }

    /** Outside OSGi (tests). */
    public ClubReports(Database database, ClubRules rules, ZoneId zone) {
        this.database = database;
        this.rules = rules;
        this.zone = zone;
    }

    public record MemberFigures(long total, Map<String, Long> byStatus, Map<String, Long> byTier, Map<String, Long> byGender,
                                Map<String, Long> byAge) {
    }

    /** Members of the club now ({@code total} counts those who have not left nor been erased; {@code byStatus} all). */
    public MemberFigures members(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        return database.inTransaction(tx -> {
            Map<String, Long> byStatus = counts(tx, "SELECT LOWER(status), COUNT(*) FROM club_member GROUP BY status");
            long gone = byStatus.getOrDefault("left", 0L) + byStatus.getOrDefault("erased", 0L);
            long total = byStatus.values().stream().mapToLong(Long::longValue).sum() - gone;
            String lowest = rules.current().map(v -> v.rules().tiers()).map(t -> t.levels().get(0).name()).orElse("none");
            Map<String, Long> byTier = new TreeMap<>(); // members without a tier row are in the lowest level
            for (Object[] row : Sql.list(tx, "SELECT t.tier, COUNT(*) FROM club_member m LEFT JOIN club_member_tier t ON t.member_id = m.id"
                    + " WHERE m.status NOT IN ('LEFT', 'ERASED') GROUP BY t.tier", rs -> new Object[] {rs.getString(1), rs.getLong(2)})) {
                byTier.merge(row[0] == null ? lowest : (String) row[0], (Long) row[1], Long::sum);
            }
            Map<String, Long> byGender = counts(tx, "SELECT LOWER(gender), COUNT(*) FROM club_member WHERE status NOT IN ('LEFT', 'ERASED') GROUP BY gender");
            Map<String, Long> byAge = new LinkedHashMap<>();
            for (int[] band : AGE_BANDS) {
                byAge.put(band[1] >= 200 ? band[0] + "+" : band[0] + "-" + band[1], 0L);
            }
            byAge.put("unknown", 0L);
            for (Object[] row : Sql.list(tx, "SELECT birth_date, COUNT(*) FROM club_member WHERE status NOT IN ('LEFT', 'ERASED') GROUP BY birth_date",
                    rs -> new Object[] {rs.getDate(1), rs.getLong(2)})) {
                String band = row[0] == null ? "unknown" : band(Period.between(((java.sql.Date) row[0]).toLocalDate(), today).getYears());
                byAge.merge(band, (Long) row[1], Long::sum);
            }
            return new MemberFigures(total, byStatus, byTier, byGender, byAge);
        });
    }

    static String band(int age) {
        for (int[] band : AGE_BANDS) {
            if (age >= band[0] && age <= band[1]) {
                return band[1] >= 200 ? band[0] + "+" : band[0] + "-" + band[1];
            }
        }
        return "unknown"; // a birth date in the future
    }

    public record Month(String month, long joined, long left) {
    }

    /**
     * Joins and leaves per month from {@code from} to {@code to} (inclusive, {@code YYYY-MM} in the
     * calendar: {@code gregorian} or {@code jalali}, in the club's time zone).
     */
    public List<Month> joinsAndLeaves(String from, String to, String calendar) {
        boolean jalali = switch (calendar) {
            case "jalali" -> true;
            case "gregorian" -> false;
            default -> throw Problem.invalidField("calendar", "calendar is gregorian or jalali");
        };
        LocalDate start = monthStart(from, "from", jalali);
        LocalDate end = monthStart(to, "to", jalali);
        if (end.isBefore(start)) {
            throw Problem.invalidField("to", "to comes before from");
        }
        LocalDate endExclusive = jalali ? nextJalaliMonth(end) : end.plusMonths(1);
        if (start.plusYears(20).isBefore(endExclusive)) {
            throw Problem.invalidField("to", "A report covers at most 20 years");
        }
        Map<String, long[]> months = new TreeMap<>();
        for (LocalDate m = start; m.isBefore(endExclusive); m = jalali ? nextJalaliMonth(m) : m.plusMonths(1)) {
            months.put(monthOf(m, jalali), new long[2]);
        }
        Instant since = start.atStartOfDay(zone).toInstant();
        Instant until = endExclusive.atStartOfDay(zone).toInstant();
        database.inTransaction(tx -> {
            count(tx, "SELECT joined_at FROM club_member WHERE joined_at >= ? AND joined_at < ?", since, until, months, 0, jalali);
            count(tx, "SELECT left_at FROM club_member WHERE left_at >= ? AND left_at < ?", since, until, months, 1, jalali);
            return null;
        });
        List<Month> out = new ArrayList<>();
        months.forEach((m, c) -> out.add(new Month(m, c[0], c[1])));
        return out;
    }

    private void count(java.sql.Connection tx, String sql, Instant since, Instant until, Map<String, long[]> months, int column,
                       boolean jalali) throws java.sql.SQLException {
        try (PreparedStatement ps = tx.prepareStatement(sql)) {
            ps.setFetchSize(10_000);
            ps.setTimestamp(1, java.sql.Timestamp.from(since));
            ps.setTimestamp(2, java.sql.Timestamp.from(until));
            try (ResultSet rs = ps.executeQuery()) {
                Map<LocalDate, String> monthOfDay = new java.util.HashMap<>();
                while (rs.next()) {
                    LocalDate day = rs.getTimestamp(1).toInstant().atZone(zone).toLocalDate();
                    long[] c = months.get(monthOfDay.computeIfAbsent(day, d -> monthOf(d, jalali)));
                    if (c != null) {
                        c[column]++;
                    }
                }
            }
        }
    }

    private static String monthOf(LocalDate day, boolean jalali) {
        return jalali ? ClubDates.jalali(day).substring(0, 7) : YearMonth.from(day).toString();
    }

    private static LocalDate monthStart(String text, String field, boolean jalali) {
        if (text == null || !text.matches("\\d{4}-\\d{2}")) {
            throw Problem.invalidField(field, field + " is a month YYYY-MM" + (jalali ? " (Jalali, e.g. 1405-01)" : ""));
        }
        try {
            LocalDate start = jalali ? ClubDates.parse(text + "-01") : YearMonth.parse(text).atDay(1);
            if (jalali && !ClubDates.jalali(start).startsWith(text)) {
                throw new IllegalArgumentException(text);
            }
            return start;
        } catch (RuntimeException e) {
            throw Problem.invalidField(field, field + " is a month YYYY-MM" + (jalali ? " (Jalali, e.g. 1405-01)" : ""));
        }
    }

    private static LocalDate nextJalaliMonth(LocalDate firstOfMonth) {
        String month = ClubDates.jalali(firstOfMonth).substring(0, 7);
        LocalDate d = firstOfMonth.plusDays(28);
        while (ClubDates.jalali(d).startsWith(month)) {
            d = d.plusDays(1);
        }
        return d;
    }

    /** The months from 11 before {@code now}'s to {@code now}'s, in the calendar. */
    public String[] lastTwelveMonths(Instant now, String calendar) {
        LocalDate today = now.atZone(zone).toLocalDate();
        if ("jalali".equals(calendar)) {
            String to = ClubDates.jalali(today).substring(0, 7);
            int y = Integer.parseInt(to.substring(0, 4));
            int m = Integer.parseInt(to.substring(5, 7)) - 11;
            if (m < 1) {
                m += 12;
                y--;
            }
            return new String[] {String.format("%04d-%02d", y, m), to};
        }
        return new String[] {YearMonth.from(today).minusMonths(11).toString(), YearMonth.from(today).toString()};
    }

    public record PointsFigures(long issued, long redeemed, long expired, long takenBackByRefunds, long givenBackByRefunds,
                                long adjusted, long outstanding, long pending, BigDecimal liability, String currency) {
    }

    /**
     * Points over the club's life. {@code outstanding} (available + pending, what members could still
     * spend) is the liability; in money at the programme's redemption rate when it has one.
     */
    public PointsFigures points(Instant now) {
        return database.inTransaction(tx -> {
            Map<String, Long> byKind = counts(tx, "SELECT kind, SUM(points) FROM club_points_entry GROUP BY kind");
            long pending = Sql.number(tx, "SELECT COALESCE(SUM(points), 0) FROM club_points_entry WHERE release_at > ?", now);
            long outstanding = byKind.values().stream().mapToLong(Long::longValue).sum();
            RuleSet programme = rules.current().map(ClubRules.Version::rules).orElse(null);
            BigDecimal liability = null;
            String currency = null;
            if (programme != null && programme.redemption() != null) {
                liability = programme.redemption().value().multiply(BigDecimal.valueOf(Math.max(0, outstanding)))
                        .divide(BigDecimal.valueOf(programme.redemption().points()), 2, java.math.RoundingMode.HALF_UP);
                currency = programme.currency();
            }
            return new PointsFigures(byKind.getOrDefault("EARN", 0L), -byKind.getOrDefault("REDEEM", 0L),
                    -byKind.getOrDefault("EXPIRE", 0L), -byKind.getOrDefault("REVERSE_EARN", 0L),
                    byKind.getOrDefault("REVERSE_REDEEM", 0L), byKind.getOrDefault("ADJUST", 0L), outstanding, pending, liability,
                    currency);
        });
    }

    /** One member's recency, frequency and monetary value in the window, their 1–5 scores and segment. */
    public record Rfm(String memberId, Instant lastPurchase, long purchases, BigDecimal spend, int recency, int frequency,
                      int monetary, String segment) {
    }

    public record RfmReport(int windowMonths, long members, Map<String, Long> segments, List<Rfm> page) {
    }

    /**
     * RFM over the purchases of the last {@code windowMonths}: each member's scores are quintiles
     * (5 = most recent, most frequent, most spent) among the members who bought in the window;
     * {@code page} lists the members by score, optionally of one {@code segment} or one member.
     */
    public RfmReport rfm(Instant now, int windowMonths, String segment, String memberId, int limit, int offset) {
        if (windowMonths < 1 || windowMonths > 120) {
            throw Problem.invalidField("months", "months is a whole number from 1 to 120");
        }
        if (segment != null && !RfmSegments.NAMES.contains(segment)) {
            throw Problem.invalidField("segment", "segment is one of " + RfmSegments.NAMES);
        }
        Instant since = now.atZone(ZoneOffset.UTC).minusMonths(windowMonths).toInstant();
        String sql = "SELECT member_id, last_at, purchases, spend, r, f, m FROM ("
                + " SELECT member_id, last_at, purchases, spend,"
                + " NTILE(5) OVER (ORDER BY last_at) AS r, NTILE(5) OVER (ORDER BY purchases) AS f, NTILE(5) OVER (ORDER BY spend) AS m"
                + " FROM (SELECT member_id, MAX(purchased_at) AS last_at, SUM(CASE WHEN amount > 0 THEN 1 ELSE 0 END) AS purchases,"
                + " SUM(amount) AS spend FROM club_purchase WHERE purchased_at > ? AND purchased_at <= ? GROUP BY member_id) p) q"
                + " ORDER BY r + f + m DESC, spend DESC, member_id";
        return database.inTransaction(tx -> {
            Map<String, Long> segments = new LinkedHashMap<>();
            RfmSegments.NAMES.forEach(n -> segments.put(n, 0L));
            List<Rfm> page = new ArrayList<>();
            long count = 0;
            int skipped = 0;
            try (PreparedStatement ps = tx.prepareStatement(sql)) {
                ps.setFetchSize(10_000);
                ps.setTimestamp(1, java.sql.Timestamp.from(since));
                ps.setTimestamp(2, java.sql.Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        count++;
                        int r = rs.getInt(5);
                        int f = rs.getInt(6);
                        String name = RfmSegments.of(r, f);
                        segments.merge(name, 1L, Long::sum);
                        boolean wanted = (segment == null || segment.equals(name)) && (memberId == null || memberId.equals(rs.getString(1)));
                        if (wanted && skipped++ >= offset && page.size() < limit) {
                            page.add(new Rfm(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getLong(3), rs.getBigDecimal(4), r, f,
                                    rs.getInt(7), name));
                        }
                    }
                }
            }
            return new RfmReport(windowMonths, count, segments, page);
        });
    }

    private static Map<String, Long> counts(java.sql.Connection tx, String sql) throws java.sql.SQLException {
        Map<String, Long> out = new TreeMap<>();
        for (Object[] row : Sql.list(tx, sql, rs -> new Object[] {rs.getString(1), rs.getLong(2)})) {
            out.put((String) row[0], (Long) row[1]);
        }
        return out;
    }
}
