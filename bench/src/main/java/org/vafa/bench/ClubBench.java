package org.vafa.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.vafa.api.db.Database;
import org.vafa.api.events.EventLog;
import org.vafa.club.ClubConfig;
import org.vafa.club.members.CardNumbers;
import org.vafa.club.members.Members;
import org.vafa.club.points.PointsLedger;
import org.vafa.club.rules.MemberFacts;
import org.vafa.club.rules.Purchase;
import org.vafa.club.rules.RuleSet;
import org.vafa.club.rules.RulesEngine;
import org.vafa.core.Standalone;
import org.vafa.core.db.VafaDatabase;

/**
 * The club at scale: a member looked up by card among {@code members} members (what the register does
 * when a card is scanned), and points earned on a sale through the Iranian example programme, beside
 * the database's own primary-key lookup and one-row commit on the same machine.
 *
 * <p>Arguments: {@code h2|postgresql} [members] [lookups] [sales] [threads].
 */
public final class ClubBench {

    public static void main(String[] args) throws Exception {
        String vendor = args.length > 0 ? args[0] : "h2";
        int memberCount = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int lookups = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int sales = args.length > 3 ? Integer.parseInt(args[3]) : 5_000;
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : 4;
        System.out.printf("%nvafa club benchmark: %s, %,d members, %,d lookups, %,d sales, %d threads, %d cores%n", vendor,
                memberCount, lookups, sales, threads, Runtime.getRuntime().availableProcessors());
        try (HikariDataSource db = EventDeliveryBench.database(vendor, "club")) {
            VafaDatabase.migrate(db, "core", ClubBench.class.getClassLoader());
            VafaDatabase.migrate(db, "club", ClubBench.class.getClassLoader());
            Database database = Standalone.database(db, vendor);
            EventLog log = Standalone.eventLog(db);
            Members members = new Members(database, log, Standalone.defaults(ClubConfig.class), org.vafa.core.locale.VafaLocale.defaults());
            PointsLedger points = new PointsLedger(database, log, 12);

            long start = System.nanoTime();
            String[] ids = load(db, 0, memberCount);
            System.out.printf("  loaded %,d members with cards in %.0f s%n", memberCount, EventDeliveryBench.seconds(start));
            analyze(db);

            Random random = new Random(42);
            long[] raw = measure(lookups, 1, i -> {
                try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                        "SELECT member_id FROM club_card WHERE card_number = ?")) {
                    ps.setString(1, card(random.nextInt(memberCount)));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                    }
                }
            });
            print("raw primary-key lookup (1 thread)", raw);
            Random random1 = new Random(7);
            print("member by card (1 thread)", measure(lookups, 1, i -> members.byCard(card(random1.nextInt(memberCount))).orElseThrow()));
            print("member by card (" + threads + " threads)", measure(lookups, threads,
                    i -> members.byCard(card((int) ((i * 7919L) % memberCount))).orElseThrow()));

            Random random2 = new Random(11);
            print("member by mobile, typed as 09… (1 thread)", measure(lookups, 1,
                    i -> members.byMobile(String.format("0912%07d", random2.nextInt(memberCount)), "mobile").orElseThrow()));
            // the console's search as you type: what an operator types of a name (2 to 6 letters of a first or last name,
            // or both), first by scanning every name (as before the index), then through the name index once built
            Random random3 = new Random(13);
            java.util.function.IntFunction<String> typed = i -> {
                String first = FIRST_NAMES[random3.nextInt(FIRST_NAMES.length)];
                String last = LAST_NAMES[random3.nextInt(LAST_NAMES.length)];
                return switch (i % 3) {
                    case 0 -> first.substring(0, Math.min(first.length(), 2 + random3.nextInt(4)));
                    case 1 -> last.substring(0, Math.min(last.length(), 2 + random3.nextInt(4)));
                    default -> first + " " + last.substring(0, 2);
                };
            };
            print("members by what is typed of a name, a page of 20, scanning every name (1 thread)", measure(30, 1,
                    i -> members.searchByName(typed.apply(i), 20)));
            start = System.nanoTime();
            members.buildNameIndex();
            long tokens;
            try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM club_member_name_token")) {
                rs.next();
                tokens = rs.getLong(1);
            }
            System.out.printf("  name index built for %,d members (%,d prefixes) in %.0f s%n", memberCount, tokens, EventDeliveryBench.seconds(start));
            analyze(db);
            print("members by what is typed of a name, a page of 20, through the name index (1 thread)", measure(lookups / 4, 1,
                    i -> members.searchByName(typed.apply(i), 20)));

            RuleSet shop;
            try (InputStream in = ClubBench.class.getResourceAsStream("/rules/iranian-shop.json")) {
                shop = RuleSet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            Purchase basket = new Purchase(List.of(new Purchase.Line("rice", "grocery", BigDecimal.ONE, new BigDecimal("2350000")),
                    new Purchase.Line("cream", "cosmetics", BigDecimal.ONE, new BigDecimal("1000000"))), "IRR", "tehran-1", LocalDate.now());
            print("one-row commit (" + threads + " threads)", measure(sales, threads, i -> {
                try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO vafa_processed_event (consumer, event_id, processed_at) VALUES ('bench', ?, ?)")) {
                    ps.setString(1, "e" + i);
                    ps.setTimestamp(2, Timestamp.from(Instant.now()));
                    ps.executeUpdate();
                }
            }));
            print("earn on a sale: rules + ledger + event (" + threads + " threads)", measure(sales, threads, i -> {
                long earned = RulesEngine.evaluate(shop, basket, MemberFacts.ANONYMOUS).points();
                points.earn(ids[(int) ((i * 104729L) % memberCount)], earned, "bench:sale:" + i, null);
            }));
        }
    }

    /**
     * Members {@code first} to {@code first + count - 1} and their cards, in batches; ids, mobiles and card
     * numbers are functions of the index so lookups can find them. Returns the ids by index (null below first).
     */
    static String[] load(javax.sql.DataSource db, int first, int count) throws Exception {
        String[] ids = new String[first + count];
        Timestamp now = Timestamp.from(Instant.now());
        int batch = 10_000;
        for (int from = first; from < first + count; from += batch) {
            int to = Math.min(first + count, from + batch);
            try (Connection c = db.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement m = c.prepareStatement("INSERT INTO club_member (id, first_name, last_name, search_name, mobile,"
                        + " gender, consent_sms, consent_email, status, referral_code, joined_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, 'UNKNOWN', FALSE, FALSE, 'ACTIVE', ?, ?, ?)");
                     PreparedStatement k = c.prepareStatement("INSERT INTO club_card (card_number, member_id, issued_at) VALUES (?, ?, ?)")) {
                    for (int i = from; i < to; i++) {
                        ids[i] = String.format("00000000-0000-0000-0000-%012d", i);
                        m.setString(1, ids[i]);
                        String firstName = FIRST_NAMES[(int) ((i * 7919L) % FIRST_NAMES.length)];
                        String lastName = LAST_NAMES[(int) ((i * 104729L / FIRST_NAMES.length) % LAST_NAMES.length)] + (i % 7 == 0 ? "" : " " + SUFFIXES[i % SUFFIXES.length]);
                        m.setString(2, firstName);
                        m.setString(3, lastName);
                        m.setString(4, org.vafa.club.members.Names.searchKey(firstName + " " + lastName));
                        m.setString(5, String.format("+98912%07d", i));
                        m.setString(6, String.format("B%07d", i));
                        m.setTimestamp(7, now);
                        m.setTimestamp(8, now);
                        m.addBatch();
                        k.setString(1, card(i));
                        k.setString(2, ids[i]);
                        k.setTimestamp(3, now);
                        k.addBatch();
                    }
                    m.executeBatch();
                    k.executeBatch();
                }
                c.commit();
            }
        }
        return ids;
    }

    /** The planner's statistics after a bulk load, as the database's own background analysis would have them. */
    private static void analyze(javax.sql.DataSource db) throws Exception {
        try (Connection c = db.getConnection()) {
            c.createStatement().execute("ANALYZE");
        }
    }

    // common Iranian first and last names: many members share each, as in a real club
    static final String[] FIRST_NAMES = {"محمد", "علی", "حسین", "رضا", "مهدی", "امیر", "حسن", "مصطفی", "سعید", "مجید", "فاطمه", "زهرا",
        "مریم", "سارا", "نرگس", "ستاره", "مینا", "الهام", "لیلا", "نازنین", "پریسا", "محبوبه", "کوثر", "یاسمن", "آرش", "بهرام", "کامران",
        "پرویز", "شیرین", "ژیلا"};
    static final String[] LAST_NAMES = {"محمدی", "حسینی", "احمدی", "رضایی", "موسوی", "کریمی", "جعفری", "رحیمی", "صادقی", "کاظمی",
        "هاشمی", "قاسمی", "عباسی", "نوری", "تهرانی", "شیرازی", "اصفهانی", "کرمانی", "یزدانی", "مشهدی", "طاهری", "زارعی", "سلطانی",
        "فرهادی", "نجفی", "اکبری", "بهرامی", "امینی", "حیدری", "خسروی"};
    static final String[] SUFFIXES = {"نژاد", "پور", "زاده", "فر", "راد", "نیا"};

    static String card(int index) {
        String payload = String.format("6104%011d", index);
        return payload + checkDigit(payload);
    }

    private static int checkDigit(String payload) {
        // the same Luhn digit the club generates
        String candidate = payload + "0";
        for (int d = 0; d <= 9; d++) {
            candidate = payload + d;
            if (CardNumbers.isValid(candidate)) {
                return d;
            }
        }
        throw new IllegalStateException(candidate);
    }

    private interface Op {
        void run(int i) throws Exception;
    }

    /** Runs {@code count} operations on {@code threads} threads; returns each one's latency in ns, then the total ns last. */
    private static long[] measure(int count, int threads, Op op) throws Exception {
        long[] latencies = new long[count + 1];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    long s = System.nanoTime();
                    op.run(i);
                    latencies[i] = System.nanoTime() - s;
                }
                return null;
            }));
        }
        for (var f : done) {
            f.get();
        }
        latencies[count] = System.nanoTime() - start;
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        return latencies;
    }

    private static void print(String what, long[] measured) {
        int n = measured.length - 1;
        long[] sorted = Arrays.copyOf(measured, n);
        Arrays.sort(sorted);
        System.out.printf("  %-58s %,9.0f /s   p50 %6.2f ms   p99 %6.2f ms%n", what, n / (measured[n] / 1e9),
                sorted[n / 2] / 1e6, sorted[(int) (n * 0.99)] / 1e6);
    }
}
