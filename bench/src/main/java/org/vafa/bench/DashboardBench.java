package org.vafa.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.vafa.api.db.Database;
import org.vafa.api.events.EventLog;
import org.vafa.club.members.MemberJson;
import org.vafa.club.reports.ClubDashboard;
import org.vafa.club.reports.ClubReports;
import org.vafa.club.rules.ClubRules;
import org.vafa.core.Standalone;
import org.vafa.core.db.VafaDatabase;

/**
 * The console's dashboard at scale: a club of {@code members} members with {@code ledger} points entries and
 * {@code purchases} purchases over the last year. Prints how long each report takes to compute (they read every row),
 * how long the dashboard's first computation takes, and how fast the kept figures are served after that — beside the
 * database's own full count of the ledger, the floor for anything that reads it all.
 *
 * <p>Arguments: {@code h2|postgresql} [members] [ledger rows] [purchases].
 */
public final class DashboardBench {

    public static void main(String[] args) throws Exception {
        String vendor = args.length > 0 ? args[0] : "h2";
        int members = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int ledger = args.length > 2 ? Integer.parseInt(args[2]) : 10_000_000;
        int purchases = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
        System.out.printf("%nvafa dashboard benchmark: %s, %,d members, %,d ledger rows, %,d purchases, %d cores%n", vendor, members, ledger,
                purchases, Runtime.getRuntime().availableProcessors());
        try (HikariDataSource db = EventDeliveryBench.database(vendor, "dashboard")) {
            VafaDatabase.migrate(db, "core", DashboardBench.class.getClassLoader());
            VafaDatabase.migrate(db, "club", DashboardBench.class.getClassLoader());
            Database database = Standalone.database(db, vendor);
            EventLog log = Standalone.eventLog(db);
            long start = System.nanoTime();
            String[] ids = ClubBench.load(db, 0, members);
            load(db, ids, ledger, purchases);
            try (Connection c = db.getConnection()) {
                c.createStatement().execute("ANALYZE"); // as the database's own background analysis would
            }
            System.out.printf("  loaded in %.0f s%n", EventDeliveryBench.seconds(start));

            ClubRules rules = new ClubRules(database, log);
            try (InputStream in = DashboardBench.class.getResourceAsStream("/rules/iranian-shop.json")) {
                rules.replace(MemberJson.MAPPER.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)), "bench");
            }
            ClubReports reports = new ClubReports(database, rules, java.time.ZoneId.of("Asia/Tehran"));
            Instant now = Instant.now();
            time("raw: COUNT(*) of the ledger (the floor for a report that reads it all)", () -> {
                try (Connection c = db.getConnection(); var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM club_points_entry")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            time("report: members by status, tier, gender, age", () -> reports.members(now));
            String[] months = reports.lastTwelveMonths(now, "jalali");
            time("report: joins and leaves per Jalali month", () -> reports.joinsAndLeaves(months[0], months[1], "jalali"));
            time("report: points and liability", () -> reports.points(now));
            time("report: RFM segments (12 months)", () -> reports.rfm(now, 12, null, null, 1, 0));

            ClubDashboard dashboard = new ClubDashboard(reports, Duration.ofSeconds(60));
            time("dashboard: first computation (once, then kept)", dashboard::figures);
            long[] served = new long[1000];
            for (int i = 0; i < served.length; i++) {
                long t = System.nanoTime();
                dashboard.figures();
                served[i] = System.nanoTime() - t;
            }
            Arrays.sort(served);
            System.out.printf("  %-70s p50 %7.3f ms   p99 %7.3f ms   (goal: the dashboard in 500 ms)%n", "dashboard: kept figures served",
                    served[served.length / 2] / 1e6, served[served.length * 99 / 100] / 1e6);
        }
    }

    private interface Work {
        Object run() throws Exception;
    }

    private static void time(String what, Work work) throws Exception {
        long t = System.nanoTime();
        work.run();
        System.out.printf("  %-70s %9.0f ms%n", what, (System.nanoTime() - t) / 1e6);
    }

    /** Points entries (earned, spent, expired) and purchases spread over the last year, for members at random. */
    private static void load(javax.sql.DataSource db, String[] ids, int ledger, int purchases) throws Exception {
        Random random = new Random(5);
        Instant now = Instant.now();
        long year = Duration.ofDays(365).toSeconds();
        String[] kinds = {"EARN", "EARN", "EARN", "REDEEM", "EXPIRE"};
        int batch = 10_000;
        for (int from = 0; from < ledger; from += batch) {
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO club_points_entry (member_id, kind,"
                    + " points, source, created_at) VALUES (?, ?, ?, ?, ?)")) {
                c.setAutoCommit(false);
                for (int i = from; i < Math.min(ledger, from + batch); i++) {
                    String kind = kinds[i % kinds.length];
                    ps.setString(1, ids[random.nextInt(ids.length)]);
                    ps.setString(2, kind);
                    ps.setLong(3, kind.equals("EARN") ? 1 + random.nextInt(500) : -(1 + random.nextInt(100)));
                    ps.setString(4, "bench:" + i);
                    ps.setTimestamp(5, Timestamp.from(now.minusSeconds((long) (random.nextDouble() * year))));
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            }
        }
        for (int from = 0; from < purchases; from += batch) {
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO club_purchase (source, member_id,"
                    + " amount, currency, purchased_at) VALUES (?, ?, ?, 'IRR', ?)")) {
                c.setAutoCommit(false);
                for (int i = from; i < Math.min(purchases, from + batch); i++) {
                    ps.setString(1, "bench:sale:" + i);
                    ps.setString(2, ids[random.nextInt(ids.length)]);
                    ps.setBigDecimal(3, BigDecimal.valueOf(100_000L + random.nextInt(50_000_000)));
                    ps.setTimestamp(4, Timestamp.from(now.minusSeconds((long) (random.nextDouble() * year))));
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            }
        }
    }
}
