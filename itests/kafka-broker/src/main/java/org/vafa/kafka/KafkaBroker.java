package org.vafa.kafka;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one), from Maven Central's jars (this
 * module gathers them into target/lib; system property {@code vafa.kafka.lib} names that folder), in a JVM of its own
 * on free ports of 127.0.0.1. Its data and log are in the given folder; {@link #stop()} and {@link #start()} restart it
 * on the same ports and data (a broker restart).
 */
public final class KafkaBroker implements AutoCloseable {
    private static final String CLUSTER_ID = "VafaTestsKafkaCluster1"; // 22 characters of base64: Kafka's cluster id form

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private Process process;

    private KafkaBroker(Path dir) throws IOException {
        this.dir = dir;
        this.port = freePort();
        this.controllerPort = freePort();
    }

    /** A fresh broker (formatted, started and answering) with its data under {@code dir}. */
    public static KafkaBroker fresh(Path dir) throws Exception {
        deleteTree(dir);
        Files.createDirectories(dir);
        KafkaBroker broker = new KafkaBroker(dir);
        broker.format();
        broker.start();
        return broker;
    }

    public String bootstrap() {
        return "127.0.0.1:" + port;
    }

    private void format() throws Exception {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("data").toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "3");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "true");
        try (var out = Files.newBufferedWriter(dir.resolve("server.properties"))) {
            p.store(out, "a single-node KRaft broker for Vafa's tests");
        }
        Process f = java("kafka.tools.StorageTool", "format", "-t", CLUSTER_ID, "-c", dir.resolve("server.properties").toString())
                .redirectOutput(dir.resolve("format.log").toFile()).redirectErrorStream(true).start();
        if (!f.waitFor(60, TimeUnit.SECONDS) || f.exitValue() != 0) {
            throw new IllegalStateException("Kafka's storage format failed: " + Files.readString(dir.resolve("format.log")));
        }
    }

    /** Starts the broker and waits until it takes a record. */
    public void start() throws Exception {
        process = java("kafka.Kafka", dir.resolve("server.properties").toString())
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile())).redirectErrorStream(true).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("The Kafka broker did not start; see " + dir.resolve("broker.log"));
                }
                Thread.sleep(100);
            }
        }
        send("vafa.broker.ready", "ready", "1"); // metadata and the first topic: the broker answers producers now
    }

    /** Stops the broker (SIGTERM: a clean shutdown), keeping its data and ports. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    /** Records to a topic, each a key and a value, acknowledged by the broker when this returns. */
    public void send(String topic, String... keysAndValues) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "60000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
                producer.send(new ProducerRecord<>(topic, keysAndValues[i], keysAndValues[i + 1]));
            }
            producer.flush();
        }
    }

    /** How far a consumer group has committed on the topic, over all its partitions (the sum of the committed offsets). */
    public long committed(String group, String topic) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = admin()) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                    .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null).mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    /** The topic's end: the sum of its partitions' end offsets (every record ever sent to it). */
    public long end(String topic) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = admin()) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
            var ask = new java.util.HashMap<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>();
            partitions.forEach(p -> ask.put(new org.apache.kafka.common.TopicPartition(topic, p.partition()),
                    org.apache.kafka.clients.admin.OffsetSpec.latest()));
            return admin.listOffsets(ask).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    private org.apache.kafka.clients.admin.Admin admin() {
        Properties p = new Properties();
        p.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        return org.apache.kafka.clients.admin.Admin.create(p);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private ProcessBuilder java(String main, String... args) {
        Path lib = Path.of(System.getProperty("vafa.kafka.lib", "kafka-broker/target/lib"));
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-cp", lib + File.separator + "*", main));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
