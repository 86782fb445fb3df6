package org.vafa.bench;

import static org.vafa.bench.BenchHttp.ms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.vafa.kafka.KafkaBroker;
import org.vafa.shop.woocommerce.WooCommerceApiServer;

/**
 * ERP stock changes on a Kafka topic → the shop → a WooCommerce store, on the built distribution (its embedded database),
 * a real KRaft broker and a local store that follows WooCommerce's documented API. (1) A burst of {@code changes} changes
 * over {@code skus} SKUs (a tenth of the figures zero), each SKU's last one putting it in stock: the time from the first record sent until the store
 * shows every SKU in stock, beside the raw feed (a plain Kafka consumer reading the same records, no processing) in the
 * same run; and how many updates the store received (coalescing: at most one per SKU per batch window). (2) A steady
 * {@code rate} of changes a second, each taking one SKU out of stock: ERP record sent → store updated, p50/p99.
 * Usage: ShopFeedBench <distribution home> <changes> <skus> <rate> <seconds>
 */
public final class ShopFeedBench {
    private static final String TOPIC = "erp.stock";

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int changes = Integer.parseInt(args[1]);
        int skus = Integer.parseInt(args[2]);
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        try (KafkaBroker kafka = KafkaBroker.fresh(home.resolveSibling("bench-kafka"));
             WooCommerceApiServer store = new WooCommerceApiServer("ck_bench", "cs_bench")) {
            for (int i = 0; i < skus; i++) {
                store.add(sku(i));
            }
            Files.writeString(home.resolve("etc/org.vafa.shop.woocommerce.cfg"), "url = " + store.url()
                    + "\nconsumerKey = ck_bench\nconsumerSecret = cs_bench\nreconcileSeconds = 0\n");
            Files.writeString(home.resolve("etc/org.vafa.shop.erp.kafka.cfg"), "bootstrapServers = " + kafka.bootstrap() + "\n");
            Path boot = home.resolve("etc/org.apache.karaf.features.cfg");
            // installed at boot, after Karaf's own first stage (wrap)
            Files.writeString(boot, Files.readString(boot).replace("    (wrap), \\\n",
                    "    (wrap), \\\n    vafa-shop-woocommerce, \\\n    vafa-shop-erp-kafka, \\\n"));
            Process karaf = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server").redirectErrorStream(true)
                    .redirectOutput(home.resolve("console.log").toFile()).start();
            try {
                awaitUp();
                System.out.printf("burst: %d stock changes over %d SKUs on the topic, %d cores%n", changes, skus,
                        Runtime.getRuntime().availableProcessors());
                burst(kafka, store, changes, skus);
                steady(kafka, store, skus, rate, seconds);
                availability(home, skus);
            } finally {
                new ProcessBuilder(home.resolve("bin/stop").toString()).start().waitFor(60, TimeUnit.SECONDS);
                if (!karaf.waitFor(60, TimeUnit.SECONDS)) {
                    karaf.destroyForcibly();
                }
            }
        }
    }

    private static void burst(KafkaBroker kafka, WooCommerceApiServer store, int changes, int skus) throws Exception {
        int perSku = Math.max(1, changes / skus);
        long start = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        try (KafkaProducer<String, String> producer = producer(kafka)) {
            // round after round over the SKUs, each round's figure with a higher sequence, 0 to 9 (a tenth of them sell a
            // product out, and its next figure brings it back); the last round puts each in stock
            for (int round = 0; round < perSku; round++) {
                for (int i = 0; i < skus; i++) {
                    int quantity = round == perSku - 1 ? 5 : (i * 31 + round * 17) % 10;
                    producer.send(new ProducerRecord<>(TOPIC, sku(i), change(sku(i), quantity, round + 1)));
                }
            }
            producer.flush();
        }
        double sentSeconds = (System.nanoTime() - start) / 1e9;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        // the last update time the store saw decides the end (the bench's own polling does not add to it)
        while (!allInStock(store, skus)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the store did not get every SKU in stock in 10 minutes");
            }
            Thread.sleep(100);
        }
        double vafaSeconds = (store.updates().stream().mapToLong(WooCommerceApiServer.Update::at).max().orElseThrow() - startMillis) / 1e3;
        double raw = rawRead(kafka, (long) perSku * skus);
        double vafaRate = perSku * skus / vafaSeconds;
        Map<String, Integer> perSkuUpdates = new HashMap<>();
        store.updates().forEach(u -> perSkuUpdates.merge(u.sku(), 1, Integer::sum));
        System.out.printf("  sent to the topic in %.1f s%n", sentSeconds);
        System.out.printf("  raw feed (a plain consumer, no processing): %,.0f changes/s%n", raw);
        System.out.printf("  topic -> shop -> store, every SKU's final state shown: %.1f s, %,.0f changes/s = %.2f x raw   (goal >= 0.3 x)%n",
                vafaSeconds, vafaRate, vafaRate / raw);
        System.out.printf("  store updates: %d for %d changes (%.2f per SKU, at most %d for one SKU)%n", store.updates().size(),
                (long) perSku * skus, store.updates().size() / (double) skus,
                perSkuUpdates.values().stream().mapToInt(Integer::intValue).max().orElse(0));
    }

    /** A steady rate of changes, each taking one SKU out of stock; sent → the store's update for it. */
    private static void steady(KafkaBroker kafka, WooCommerceApiServer store, int skus, int rate, int seconds) throws Exception {
        int total = Math.min(skus, rate * seconds);
        long[] sentAt = new long[total];
        int seen = store.updateCount();
        try (KafkaProducer<String, String> producer = producer(kafka)) {
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = start + (long) (i * 1e9 / rate);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                sentAt[i] = System.currentTimeMillis();
                producer.send(new ProducerRecord<>(TOPIC, sku(i), change(sku(i), 0, 1_000_000)));
            }
            producer.flush();
        }
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        Map<String, Long> shownAt = new HashMap<>();
        while (shownAt.size() < total && System.nanoTime() < deadline) {
            List<WooCommerceApiServer.Update> updates = store.updates(seen);
            seen += updates.size();
            for (WooCommerceApiServer.Update u : updates) {
                if (u.stockStatus().equals("outofstock")) {
                    shownAt.putIfAbsent(u.sku(), u.at());
                }
            }
            Thread.sleep(50);
        }
        long[] latency = new long[shownAt.size()];
        int n = 0;
        for (int i = 0; i < total; i++) {
            Long shown = shownAt.get(sku(i));
            if (shown != null) {
                latency[n++] = (shown - sentAt[i]) * 1_000_000L;
            }
        }
        java.util.Arrays.sort(latency, 0, n);
        long[] sorted = java.util.Arrays.copyOf(latency, n);
        System.out.printf("steady: %d changes/s for %d s (%d changes, one per SKU)%n", rate, total / rate, total);
        System.out.printf("  ERP record sent -> store updated: %d of %d, p50 %.0f ms, p99 %.0f ms, max %.0f ms   (goal p99 <= 1000 ms)%n",
                n, total, ms(sorted, 0.50), ms(sorted, 0.99), ms(sorted, 1.0));
    }

    /** What a storefront that pulls asks: {@code GET /api/shop/availability} for 100 SKUs, beside the bare health endpoint. */
    private static void availability(Path home, int skus) throws Exception {
        String key = java.util.regex.Pattern.compile("vafa_[A-Za-z0-9_-]+").matcher(Files.readString(home.resolve("etc/initial-credentials.txt")))
                .results().findFirst().orElseThrow().group();
        int requests = 2000;
        long[] asked = new long[requests];
        long[] health = new long[requests];
        for (int round = -200; round < requests; round++) { // the first 200 warm up
            StringBuilder list = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                list.append(i == 0 ? "" : ",").append(sku((Math.max(round, 0) * 100 + i) % skus));
            }
            long t0 = System.nanoTime();
            BenchHttp.check(BenchHttp.send("http://127.0.0.1:8181", "GET", "/api/shop/availability?skus=" + list, key, null), 200);
            long t1 = System.nanoTime();
            BenchHttp.check(BenchHttp.send("http://127.0.0.1:8181", "GET", "/api/health", key, null), 200);
            long t2 = System.nanoTime();
            if (round >= 0) {
                asked[round] = t1 - t0;
                health[round] = t2 - t1;
            }
        }
        java.util.Arrays.sort(asked);
        java.util.Arrays.sort(health);
        System.out.printf("availability of 100 SKUs over HTTP: p50 %.1f ms, p99 %.1f ms   (goal p99 <= 5 ms); bare /api/health p50 %.1f ms,"
                + " p99 %.1f ms%n", ms(asked, 0.50), ms(asked, 0.99), ms(health, 0.50), ms(health, 0.99));
    }

    /** The same records read by a plain consumer with nothing done to them: the feed's own limit on this machine. */
    private static double rawRead(KafkaBroker kafka, long records) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + System.nanoTime());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long read = 0;
            long start = 0;
            while (read < records) {
                ConsumerRecords<String, String> batch = consumer.poll(Duration.ofMillis(200));
                if (start == 0 && !batch.isEmpty()) {
                    start = System.nanoTime();
                }
                read += batch.count();
            }
            return records / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static boolean allInStock(WooCommerceApiServer store, int skus) {
        for (int i = 0; i < skus; i++) {
            if (!"instock".equals(store.product(sku(i)).stockStatus())) {
                return false;
            }
        }
        return true;
    }

    private static KafkaProducer<String, String> producer(KafkaBroker kafka) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static String change(String sku, int quantity, int sequence) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":" + quantity + ",\"sequence\":" + sequence + "}";
    }

    private static String sku(int i) {
        return String.format("SKU-%05d", i);
    }

    private static void awaitUp() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                String body = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:8181/api/health")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                if (body.contains("\"UP\"")) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the server did not come up");
    }
}
