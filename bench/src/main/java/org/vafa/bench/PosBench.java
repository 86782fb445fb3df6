package org.vafa.bench;

import static org.vafa.bench.BenchHttp.check;
import static org.vafa.bench.BenchHttp.ms;
import static org.vafa.bench.BenchHttp.send;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Completed sales over HTTP against a running Vafa server (see bench/pos.sh, which starts one on
 * PostgreSQL): several registers, each with its own key, each selling one sale after another as a
 * real till does; 4 in 5 sales are a member's (lookup by card, rules, points, tier, events).
 * Prints throughput and latency percentiles. Then, given the server's database, it adds members up to
 * {@code lookup members} (straight into the club's tables) and times the register's card lookup over HTTP.
 * Usage: PosBench <base url> <admin key> <rules.json> <registers> <sales per register> <members>
 *        [<jdbc url> <db user> <lookup members>]
 */
public final class PosBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PosBench() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String admin = args[1];
        String rules = Files.readString(Path.of(args[2]));
        int registers = Integer.parseInt(args[3]);
        int salesEach = Integer.parseInt(args[4]);
        int memberCount = Integer.parseInt(args[5]);

        check(send(base, "PUT", "/api/club/rules", admin, rules), 200);
        check(send(base, "POST", "/api/pos/branches", admin, "{\"code\": \"bench-1\", \"name\": \"Bench\"}"), 201);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < registers; i++) {
            keys.add(JSON.readTree(check(send(base, "POST", "/api/pos/branches/bench-1/terminals", admin,
                    "{\"name\": \"till-" + i + "\"}"), 201)).get("apiKey").asText());
        }
        String[] cards = new String[memberCount];
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> joins = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int from = t;
            joins.add(pool.submit(() -> {
                for (int i = from; i < memberCount; i += 4) {
                    String body = "{\"firstName\": \"Member\", \"lastName\": \"Number " + i + "\", \"mobile\": \"0912" + String.format("%07d", i) + "\"}";
                    cards[i] = JSON.readTree(check(send(base, "POST", "/api/club/members", admin, body), 201)).at("/cards/0").asText();
                }
                return null;
            }));
        }
        pool.shutdown(); // its threads end with the work, also when a registration fails
        for (Future<?> f : joins) {
            f.get();
        }
        System.out.printf("set up: %d registers, %d members%n", registers, memberCount);

        drive(base, keys, cards, Math.max(250, salesEach / 2), "warm-up", new AtomicInteger()); // the JIT, the pools, the caches
        AtomicInteger errors = new AtomicInteger();
        long started = System.nanoTime();
        long[][] latencies = drive(base, keys, cards, salesEach, "run", errors);
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        System.out.printf("completed sales over HTTP, %d registers: %,d sales in %.1f s = %,.0f sales/s; latency p50 %.1f ms,"
                        + " p90 %.1f ms, p99 %.1f ms, max %.1f ms; errors %d%n", registers, all.length, seconds, all.length / seconds,
                ms(all, 0.50), ms(all, 0.90), ms(all, 0.99), all[all.length - 1] / 1e6, errors.get());

        if (args.length > 8) {
            int lookupMembers = Integer.parseInt(args[8]);
            long loading = System.nanoTime();
            try (com.zaxxer.hikari.HikariDataSource db = org.vafa.core.db.VafaDatabase.createPool(args[6], args[7], "", 4)) {
                ClubBench.load(db, memberCount, lookupMembers - memberCount);
            }
            System.out.printf("added members up to %,d in %.0f s%n", lookupMembers, EventDeliveryBench.seconds(loading));
            String till = keys.get(0);
            lookups(base, till, "card lookup of a member who bought here", () -> cards[ThreadLocalRandom.current().nextInt(memberCount)]);
            if (lookupMembers > memberCount) {
                lookups(base, till, "card lookup of any of the " + String.format("%,d", lookupMembers) + " members",
                        () -> ClubBench.card(memberCount + ThreadLocalRandom.current().nextInt(lookupMembers - memberCount)));
            }
        }
    }

    /** 5,000 lookups by card from 1 and from 4 registers at once (after 1,000 to warm up), as the till asks. */
    private static void lookups(String base, String key, String what, java.util.function.Supplier<String> card) throws Exception {
        for (int threads : new int[] {1, 4}) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            timedLookups(pool, threads, 1_000 / threads, base, key, card); // the JIT, the pools, the caches
            long started = System.nanoTime();
            long[] all = timedLookups(pool, threads, 5_000 / threads, base, key, card);
            double seconds = (System.nanoTime() - started) / 1e9;
            pool.shutdown();
            System.out.printf("%s, %d register(s): %,.0f lookups/s; p50 %.1f ms, p99 %.1f ms%n", what, threads, all.length / seconds,
                    ms(all, 0.50), ms(all, 0.99));
        }
    }

    private static long[] timedLookups(ExecutorService pool, int threads, int each, String base, String key,
                                       java.util.function.Supplier<String> card) throws Exception {
        List<Future<long[]>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                long[] took = new long[each];
                for (int i = 0; i < each; i++) {
                    String c = card.get();
                    long t0 = System.nanoTime();
                    check(send(base, "GET", "/api/pos/lookup?card=" + c, key, null), 200);
                    took[i] = System.nanoTime() - t0;
                }
                return took;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : results) {
            for (long took : f.get()) {
                all.add(took);
            }
        }
        return all.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    /** All registers at once, each selling {@code sales} sales; the latencies per register. */
    private static long[][] drive(String base, List<String> keys, String[] cards, int sales, String prefix, AtomicInteger errors)
            throws Exception {
        ExecutorService tills = Executors.newFixedThreadPool(keys.size());
        List<Future<long[]>> results = new ArrayList<>();
        for (int r = 0; r < keys.size(); r++) {
            int till = r;
            results.add(tills.submit(() -> sell(base, keys.get(till), prefix + "-" + till, cards, sales, errors)));
        }
        long[][] latencies = new long[keys.size()][];
        for (int r = 0; r < keys.size(); r++) {
            latencies[r] = results.get(r).get();
        }
        tills.shutdown();
        return latencies;
    }

    /** One register: sale after sale, each timed from request to answer. */
    private static long[] sell(String base, String key, String prefix, String[] cards, int sales, AtomicInteger errors) throws Exception {
        long[] took = new long[sales];
        for (int i = 0; i < sales; i++) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String member = random.nextInt(5) == 0 ? "" : "\"card\": \"" + cards[random.nextInt(cards.length)] + "\", ";
            String body = "{\"receipt\": \"" + prefix + "-" + i + "\", \"cashier\": \"bench\", " + member + "\"currency\": \"IRR\","
                    + " \"lines\": [{\"sku\": \"rice\", \"category\": \"grocery\", \"quantity\": 1, \"unitPrice\": " + (1 + random.nextInt(50)) * 100000 + "},"
                    + " {\"sku\": \"cream\", \"category\": \"cosmetics\", \"quantity\": 2, \"unitPrice\": 450000},"
                    + " {\"sku\": \"tea\", \"category\": \"grocery\", \"quantity\": 1, \"unitPrice\": 1200000}]}";
            long t0 = System.nanoTime();
            HttpResponse<String> r = send(base, "POST", "/api/pos/sales", key, body);
            took[i] = System.nanoTime() - t0;
            if (r.statusCode() != 201) {
                errors.incrementAndGet();
                if (errors.get() < 5) {
                    System.err.println("sale answered " + r.statusCode() + ": " + r.body());
                }
            }
        }
        return took;
    }
}
