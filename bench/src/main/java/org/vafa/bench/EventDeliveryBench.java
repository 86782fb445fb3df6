package org.vafa.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.vafa.core.Standalone;
import org.vafa.core.camel.events.EventsComponent;
import org.vafa.core.db.VafaDatabase;
import org.vafa.core.events.EventStore;
import org.vafa.core.events.EventsConfig;
import org.vafa.core.events.VafaEventLog;

/**
 * Events published (one transaction each, several publishers) → delivered to a route's durable
 * subscription, end to end, beside the raw cost of the same number of one-row commits on the same
 * database with the same number of threads.
 *
 * <p>Arguments: {@code h2|postgresql} [events] [publisher threads]. PostgreSQL: {@code -Dpg.url}.
 */
public final class EventDeliveryBench {

    public static void main(String[] args) throws Exception {
        String vendor = args.length > 0 ? args[0] : "h2";
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        System.out.printf("%nvafa event delivery benchmark: %s, %d events, %d publisher threads, %d cores%n", vendor, events,
                threads, Runtime.getRuntime().availableProcessors());

        double commitsPerSecond;
        try (HikariDataSource raw = database(vendor, "raw")) {
            commitsPerSecond = rawCommits(raw, events, threads);
            System.out.printf("  raw one-row commits:        %,10.0f commits/s   (the database's own limit here)%n", commitsPerSecond);
        }
        // before: the position saved after every event (as until the plugin kit); after: per batch (the defaults)
        deliver(vendor, events, threads, commitsPerSecond, "position per event", Map.of("positionCommitEvents", 1));
        deliver(vendor, events, threads, commitsPerSecond, "position per batch", Map.of());
    }

    private static void deliver(String vendor, int events, int threads, double rawPerSecond, String label, Map<String, Object> settings)
            throws Exception {
        try (HikariDataSource db = database(vendor, "events")) {
            VafaDatabase.migrate(db, "core", EventDeliveryBench.class.getClassLoader());
            VafaEventLog eventLog = new VafaEventLog();
            eventLog.start(new EventStore(db), Standalone.configured(EventsConfig.class, settings));
            CountDownLatch delivered = new CountDownLatch(events);
            try (DefaultCamelContext camel = new DefaultCamelContext()) {
                camel.addComponent(EventsComponent.SCHEME, new EventsComponent(eventLog));
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("vafa-events:bench.*?subscription=bench").routeId("bench").process(e -> delivered.countDown());
                    }
                });
                camel.start();
                long start = System.nanoTime();
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                AtomicInteger next = new AtomicInteger();
                for (int t = 0; t < threads; t++) {
                    pool.submit(() -> {
                        int n;
                        while ((n = next.getAndIncrement()) < events) {
                            eventLog.publish("bench", "bench.sale", "member-" + (n % 1000), Map.of("n", n, "amount", 125_000));
                        }
                        return null;
                    });
                }
                pool.shutdown();
                pool.awaitTermination(30, TimeUnit.MINUTES);
                double published = seconds(start);
                if (!delivered.await(30, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("not all delivered: " + delivered.getCount() + " left");
                }
                double total = seconds(start);
                System.out.printf("  %s:%n", label);
                System.out.printf("    events published:         %,10.0f events/s   (one transaction each)%n", events / published);
                System.out.printf("    published → delivered:    %,10.0f events/s   (end to end, %.1f s for all; %.2f × raw commits)%n",
                        events / total, total, events / total / rawPerSecond);
                System.out.printf("    delivery lag after publish: %8.2f s%n", total - published);
            } finally {
                eventLog.stop();
            }
        }
    }

    static double rawCommits(HikariDataSource db, int count, int threads) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE bench_raw (id BIGINT PRIMARY KEY, payload VARCHAR(200))");
        }
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                try (Connection c = db.getConnection();
                     PreparedStatement ps = c.prepareStatement("INSERT INTO bench_raw (id, payload) VALUES (?, ?)")) {
                    c.setAutoCommit(false);
                    int n;
                    while ((n = next.getAndIncrement()) < count) {
                        ps.setLong(1, n);
                        ps.setString(2, "{\"n\":" + n + ",\"amount\":125000}");
                        ps.executeUpdate();
                        c.commit();
                    }
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        return count / seconds(start);
    }

    static HikariDataSource database(String vendor, String name) throws Exception {
        if (vendor.equals("h2")) {
            Path dir = Files.createTempDirectory("vafa-bench");
            String url = "jdbc:h2:file:" + dir.resolve(name) + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"; // as the server's embedded default
            return VafaDatabase.createPool(url, "", "", 10);
        }
        String base = System.getProperty("pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
        String db = "vafa_bench_" + name + "_" + Long.toString(System.nanoTime(), 36);
        try (HikariDataSource admin = VafaDatabase.createPool(base, System.getProperty("pg.user", "postgres"), "", 1);
             Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        return VafaDatabase.createPool(base.substring(0, base.lastIndexOf('/') + 1) + db,
                System.getProperty("pg.user", "postgres"), "", 10);
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

}
