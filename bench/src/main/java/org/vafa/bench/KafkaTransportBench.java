package org.vafa.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.vafa.core.Standalone;
import org.vafa.core.camel.events.EventsComponent;
import org.vafa.core.cluster.DatabaseLeases;
import org.vafa.core.db.VafaDatabase;
import org.vafa.core.events.EventStore;
import org.vafa.core.events.EventsConfig;
import org.vafa.core.events.VafaEventLog;
import org.vafa.kafka.KafkaBroker;

/**
 * Events through the Kafka transport, end to end (published in a transaction of its own → the outbox → the relay →
 * the topic → the subscription's consumer → a route), beside the raw Kafka producer and consumer on the same broker in
 * the same run; then the publish → route latency at a steady load; and the database transport's figures beside them.
 * A real single-node KRaft broker (itests/kafka-broker) and PostgreSQL.
 *
 * <p>Arguments: [events] [publisher threads] [steady events per second] [steady seconds].
 */
public final class KafkaTransportBench {
    private static final byte[] PAYLOAD = "{\"n\":123456,\"amount\":125000,\"member\":\"member-123\",\"branch\":\"tehran-1\"}".getBytes();

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int rate = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        System.out.printf("%nvafa Kafka transport benchmark: %d events, %d publisher threads, steady %d/s for %d s, %d cores%n", events,
                threads, rate, seconds, Runtime.getRuntime().availableProcessors());
        Path dir = Files.createTempDirectory("vafa-bench-kafka");
        try (KafkaBroker kafka = KafkaBroker.fresh(dir.resolve("broker"))) {
            double raw = raw(kafka, events);
            try (HikariDataSource commits = EventDeliveryBench.database("postgresql", "raw")) {
                System.out.printf("  raw PostgreSQL one-row commits, %d threads: %,8.0f commits/s   (the publishers' limit here)%n", threads,
                        EventDeliveryBench.rawCommits(commits, events, threads));
            }
            for (String transport : List.of("kafka", "database")) {
                run(transport, kafka, events, threads, rate, seconds, raw);
            }
        }
    }

    /** The broker's own figures: records produced (acks=all, idempotent, as the relay sends) and consumed at once. */
    private static double raw(KafkaBroker kafka, int records) throws Exception {
        String topic = "bench.raw";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(topic, 12, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
             KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            consumer.poll(Duration.ofMillis(500)); // joined the group before the clock starts
            long start = System.nanoTime();
            Thread send = new Thread(() -> {
                for (int i = 0; i < records; i++) {
                    producer.send(new ProducerRecord<>(topic, "member-" + (i % 1000), PAYLOAD));
                }
                producer.flush();
            });
            send.start();
            int received = 0;
            while (received < records) {
                ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(200));
                received += batch.count();
                if (!batch.isEmpty()) {
                    consumer.commitSync();
                }
            }
            send.join();
            double perSecond = records / EventDeliveryBench.seconds(start);
            System.out.printf("  raw Kafka, produced and consumed at once: %,10.0f records/s   (the broker's limit here)%n", perSecond);
            return perSecond;
        }
    }

    private static void run(String transport, KafkaBroker kafka, int events, int threads, int rate, int seconds, double raw)
            throws Exception {
        try (HikariDataSource db = EventDeliveryBench.database("postgresql", transport)) {
            VafaDatabase.migrate(db, "core", KafkaTransportBench.class.getClassLoader());
            DatabaseLeases leases = new DatabaseLeases(Standalone.database(db, "postgresql"), "bench", 15);
            VafaEventLog eventLog = new VafaEventLog();
            eventLog.start(new EventStore(db), Standalone.configured(EventsConfig.class, Map.of("transport", transport,
                    "kafkaTopic", "bench.events." + System.nanoTime())), leases, Map.of("VAFA_KAFKA_BOOTSTRAP", kafka.bootstrap()));
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger delivered = new AtomicInteger();
            // a backlog first: events published while no route runs yet, then the route drains them
            long t0 = System.nanoTime();
            publish(eventLog, events, threads, false);
            double publishing = EventDeliveryBench.seconds(t0);
            System.out.printf("  %s transport:%n", transport);
            System.out.printf("    published (one transaction each): %,10.0f events/s%n", events / publishing);
            if (transport.equals("kafka")) {
                while (eventLog.store().relayPosition() < eventLog.store().lastSequence()) {
                    Thread.sleep(2);
                }
                double relayed = EventDeliveryBench.seconds(t0);
                System.out.printf("    relayed to the topic:      %,10.0f events/s   (outbox → Kafka, done %.2f s after the last publish)%n",
                        events / relayed, relayed - publishing);
            }
            try (DefaultCamelContext camel = new DefaultCamelContext()) {
                camel.addComponent(EventsComponent.SCHEME, new EventsComponent(eventLog));
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("vafa-events:bench.*?subscription=bench&startFrom=beginning").routeId("bench").process(e -> {
                            Object sent = e.getMessage().getBody(Map.class).get("t");
                            if (sent instanceof Number t && t.longValue() > 0) {
                                latencies.add(System.nanoTime() - t.longValue());
                            }
                            delivered.incrementAndGet();
                        });
                    }
                });
                long drainStart = System.nanoTime();
                camel.start();
                await(delivered, events);
                double drained = EventDeliveryBench.seconds(drainStart);
                System.out.printf("    backlog drained by the route: %,7.0f events/s   (%.2f × raw Kafka; group join included)%n", events / drained,
                        events / drained / raw);
                delivered.set(0);

                long start = System.nanoTime();
                publish(eventLog, events, threads, true);
                double published = EventDeliveryBench.seconds(start);
                await(delivered, events);
                double total = EventDeliveryBench.seconds(start);
                System.out.printf("    published → route at once: %,10.0f events/s   (%.1f s for all, lag after publishing %.2f s; %.2f × raw Kafka;"
                        + " bound by the database's commits)%n", events / total, total, total - published, events / total / raw);

                // steady load: one event every 1/rate s, each timed from its publish to its route
                int before = delivered.get();
                long interval = 1_000_000_000L / rate;
                long begin = System.nanoTime();
                for (int i = 0; i < rate * seconds; i++) {
                    long due = begin + i * interval;
                    while (System.nanoTime() < due) {
                        Thread.onSpinWait();
                    }
                    eventLog.publish("bench", "bench.sale", "member-" + (i % 1000), Map.of("n", i, "t", System.nanoTime()));
                }
                await(delivered, before + rate * seconds);
                List<Long> sorted = new ArrayList<>(latencies);
                Collections.sort(sorted);
                System.out.printf("    publish → route at %d/s: p50 %6.1f ms, p99 %6.1f ms, max %6.1f ms   (goal for kafka: p99 ≤ 150 ms)%n", rate,
                        ms(sorted, 0.50), ms(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
            } finally {
                eventLog.stop();
                leases.stop();
            }
        }
    }

    /** {@code events} events, one transaction each, from {@code threads} threads. */
    private static void publish(VafaEventLog eventLog, int events, int threads, boolean routeRuns) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                int n;
                while ((n = next.getAndIncrement()) < events) {
                    eventLog.publish("bench", routeRuns ? "bench.sale" : "bench.backlog", "member-" + (n % 1000),
                            Map.of("n", n, "amount", 125_000, "t", 0));
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
    }

    private static double ms(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }

    private static void await(AtomicInteger count, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (count.get() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + count.get() + " of " + atLeast + " delivered");
            }
            Thread.sleep(2);
        }
    }
}
