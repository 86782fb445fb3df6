package org.vafa.core.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.cluster.ClusterSingletons;
import org.vafa.core.db.DatabaseException;
import org.vafa.api.events.CloudEvent;

/**
 * Several nodes on one database, with Kafka carrying the events. The outbox and the sequencer stay as they are; one
 * node at a time (the {@value #RELAY} singleton) relays the sequenced events to the topic, keyed by subject (so one
 * subject's events stay in order on one partition) in the CloudEvents Kafka binding (binary mode: the data as the
 * value, the attributes as {@code ce_} headers, the log position as {@code ce_sequence}), and moves its position on
 * only when the broker has acknowledged them all: at least once, nothing committed skipped. Each durable subscription
 * is a consumer group ({@code vafa.<subscription>}) with a member on every node that runs its route: each event is
 * handled by one node, and the group's offsets are committed only after the route's effect (batched as the database
 * transport saves its positions; an event handled again after a crash or a rebalance changes nothing, effects being
 * keyed by event id). Retry, park and hold-back are the database transport's; parked events live in the same table.
 */
public final class KafkaTransport implements EventTransport {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaTransport.class);
    static final String RELAY = "events:kafka-relay";
    private static final int RELAY_BATCH = 1000;
    private static final TypeFilter ALL = TypeFilter.parse("*");

    private final EventStore store;
    private final Signal signal;
    private final EventsConfig config;
    private final ClusterSingletons cluster;
    private final String bootstrap;
    private final String topic;
    private final Map<String, Loop> running = new ConcurrentHashMap<>();
    private final Thread relay;
    private volatile boolean relaying = true;
    private volatile String relayError;
    private KafkaProducer<String, byte[]> producer;
    private Admin admin;
    private boolean topicReady;

    public KafkaTransport(EventStore store, Signal signal, EventsConfig config, ClusterSingletons cluster, String bootstrap) {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalStateException("The kafka transport needs the bootstrap servers: kafkaBootstrapServers (PID org.vafa.events)"
                    + " or the environment variable VAFA_KAFKA_BOOTSTRAP");
        }
        this.store = store;
        this.signal = signal;
        this.config = config;
        this.cluster = cluster;
        this.bootstrap = bootstrap.trim();
        this.topic = config.kafkaTopic();
        this.relay = new Thread(this::relayLoop, "vafa-events-kafka-relay");
        relay.setDaemon(true);
        relay.start();
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public void stop() {
        relaying = false;
        signal.fire();
        try {
            relay.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        cluster.release(RELAY);
        synchronized (this) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
        }
    }

    /** Null while the relay works (or another node relays); else what stopped it last. */
    public String relayError() {
        return relayError;
    }

    // --- the relay: outbox to topic, on one node --------------------------------------------------

    private void relayLoop() {
        boolean leading = false;
        while (relaying) {
            try {
                long seen = signal.generation();
                if (!cluster.leads(RELAY)) {
                    leading = false;
                    relayError = null;
                    signal.awaitAfter(seen, 1000);
                    continue;
                }
                if (!leading) {
                    LOG.info("This node relays the event log to Kafka topic {} at {}", topic, bootstrap);
                    leading = true;
                }
                ensureTopic();
                long from = store.relayPosition();
                long upTo = store.lastSequence();
                if (from >= upTo) {
                    // events published on other nodes are sequenced there: look at the log as often as the sequencer does
                    signal.awaitAfter(seen, config.sequencerIntervalMs());
                    continue;
                }
                List<CloudEvent> batch = store.read(ALL, from, upTo, RELAY_BATCH);
                List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
                for (CloudEvent event : batch) {
                    acks.add(producer().send(record(event)));
                }
                producer().flush();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(); // a refused record throws: the position stays, the batch is sent again
                }
                long to = batch.size() == RELAY_BATCH ? batch.get(batch.size() - 1).sequence() : upTo;
                if (!store.relayed(from, to)) {
                    LOG.warn("Another node relayed events {}..{} meanwhile (its lease lapsed while it sent): they are in the topic twice,"
                            + " handled once", from + 1, to);
                }
                if (relayError != null) {
                    LOG.info("Relay to Kafka recovered");
                    relayError = null;
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                String why = causes(e);
                if (!why.equals(relayError)) {
                    LOG.warn("Relay to Kafka at {} failed, retrying (events wait in the log): {}", bootstrap, why);
                }
                relayError = why;
                resetProducer();
                sleep(1000);
            }
        }
    }

    /** A failure and what caused it, in one line (Kafka wraps the reason a few times). */
    private static String causes(Throwable e) {
        StringBuilder why = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            why.append(" <- ").append(c);
        }
        return why.toString();
    }

    private ProducerRecord<String, byte[]> record(CloudEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key(event.subject(), event.id()),
                event.dataJson().getBytes(StandardCharsets.UTF_8));
        Headers h = record.headers();
        h.add("ce_specversion", bytes(CloudEvent.SPEC_VERSION));
        h.add("ce_id", bytes(event.id()));
        h.add("ce_source", bytes(event.source()));
        h.add("ce_type", bytes(event.type()));
        if (event.subject() != null) {
            h.add("ce_subject", bytes(event.subject()));
        }
        h.add("ce_time", bytes(event.time().toString()));
        h.add("ce_sequence", bytes(Long.toString(event.sequence())));
        h.add("content-type", bytes(CloudEvent.DATA_CONTENT_TYPE));
        return record;
    }

    /** The record's key: the subject, so that a subject's events keep their order; an event without one by its id. */
    private static String key(String subject, String id) {
        return subject != null ? subject : id;
    }

    /** The event a record carries; null if it is not one of Vafa's (someone else wrote to the topic). */
    private static CloudEvent event(ConsumerRecord<String, byte[]> r) {
        String id = header(r, "ce_id");
        String type = header(r, "ce_type");
        String sequence = header(r, "ce_sequence");
        String time = header(r, "ce_time");
        if (id == null || type == null || sequence == null || time == null || r.value() == null) {
            return null;
        }
        try {
            return new CloudEvent(id, String.valueOf(header(r, "ce_source")), type, header(r, "ce_subject"), Instant.parse(time),
                    new String(r.value(), StandardCharsets.UTF_8), Long.parseLong(sequence));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "vafa-relay-" + cluster.nodeId());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"); // retries keep a subject's order, without duplicates
            p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
            producer = withKafkaClassLoader(() -> new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer()));
        }
        return producer;
    }

    private synchronized void resetProducer() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(AdminClientConfig.CLIENT_ID_CONFIG, "vafa-admin-" + cluster.nodeId());
            p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
            p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
            admin = withKafkaClassLoader(() -> Admin.create(p));
        }
        return admin;
    }

    /** Creates the topic with the configured partitions if the broker does not have it yet. */
    private void ensureTopic() throws Exception {
        if (topicReady) {
            return;
        }
        try {
            admin().createTopics(List.of(new NewTopic(topic, config.kafkaPartitions(), (short) config.kafkaReplicationFactor())))
                    .all().get(15, TimeUnit.SECONDS);
            LOG.info("Created Kafka topic {} with {} partitions", topic, config.kafkaPartitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        } catch (KafkaException e) {
            // no admin client: relay all the same (the topic may be there, or the broker creates it)
            LOG.warn("Could not make sure topic {} exists: {}", topic, causes(e));
        }
        topicReady = true;
    }

    /** Kafka's clients load their parts by class name through the thread's context class loader: theirs, in OSGi. */
    private static <T> T withKafkaClassLoader(Supplier<T> make) {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(KafkaProducer.class.getClassLoader());
        try {
            return make.get();
        } finally {
            t.setContextClassLoader(before);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- subscriptions: consumer groups ----------------------------------------------------------

    @Override
    public Delivery open(String subscription, TypeFilter types, boolean fromBeginning, Receiver receiver) {
        // events up to here were handled before (by the database transport) or came before the subscription
        long startAfter = store.openSubscription(subscription, types.toString(), fromBeginning);
        Loop loop = new Loop(subscription, types, startAfter, receiver);
        running.put(subscription, loop);
        loop.thread.start();
        return loop;
    }

    @Override
    public List<SubscriptionState> subscriptions() {
        long relayBacklog = Math.max(0, store.lastSequence() - store.relayPosition());
        List<SubscriptionState> out = new ArrayList<>();
        for (EventStore.Subscription s : store.subscriptions()) {
            Loop loop = running.get(s.name());
            long groupLag = groupLag(s.name());
            out.add(new SubscriptionState(s.name(), s.types(), loop != null && loop.lastSeq > 0 ? loop.lastSeq : s.lastSeq(),
                    groupLag < 0 ? -1 : groupLag + relayBacklog, store.parked(s.name(), false).size(), loop != null,
                    loop == null ? null : loop.waitingFor, s.updatedAt(), loop == null ? "" : "partitions " + loop.assigned,
                    loop == null ? 0 : loop.handledCount));
        }
        return out;
    }

    /** The groups' lags as last asked (health and metrics ask often; the broker is asked every few seconds). */
    private final Map<String, long[]> lags = new ConcurrentHashMap<>();

    /** Records in the topic the subscription's group has not committed yet, over every node; -1 if the broker does not say. */
    private long groupLag(String subscription) {
        long[] known = lags.get(subscription);
        if (known != null && System.nanoTime() - known[1] < TimeUnit.SECONDS.toNanos(3)) {
            return known[0];
        }
        long lag = askGroupLag(subscription);
        lags.put(subscription, new long[] {lag, System.nanoTime()});
        return lag;
    }

    private long askGroupLag(String subscription) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(group(subscription))
                    .partitionsToOffsetAndMetadata().get(3, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < partitionCount(); p++) {
                latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin().listOffsets(latest).all().get(3, TimeUnit.SECONDS);
            long lag = 0;
            for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += Math.max(0, end.getValue().offset() - (at == null ? 0 : at.offset()));
            }
            return lag;
        } catch (Exception e) {
            LOG.debug("Lag of group {} unknown: {}", group(subscription), causes(e));
            return -1;
        }
    }

    private int partitionCount() throws Exception {
        return admin().describeTopics(List.of(topic)).allTopicNames().get(3, TimeUnit.SECONDS).get(topic).partitions().size();
    }

    private static String group(String subscription) {
        return "vafa." + subscription;
    }

    /** One subscription's member of its consumer group on this node. */
    private final class Loop extends SubscriptionLoop implements ConsumerRebalanceListener {
        private final long startAfter;
        /** The next offset to commit per partition: every record before it is handled. */
        private final Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        private volatile KafkaConsumer<String, byte[]> consumer;
        private volatile long lastSeq;
        private volatile String assigned = "";
        private int partitions = 1;
        private int uncommitted;
        private long firstUncommittedAt;

        Loop(String name, TypeFilter types, long startAfter, Receiver receiver) {
            super(name, types, receiver, KafkaTransport.this.store, KafkaTransport.this.config);
            this.startAfter = startAfter;
        }

        @Override
        protected void wakeUp() {
            KafkaConsumer<String, byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
        }

        @Override
        public void close() {
            super.close();
            running.remove(name, this);
        }

        @Override
        protected void saveNow() {
            commit(true);
        }

        @Override
        protected void park(CloudEvent event, int attempts, String error) {
            store.parkAside(name, event.sequence(), attempts, error);
        }

        @Override
        public void run() {
            try {
                consumer = withKafkaClassLoader(this::newConsumer);
                consumer.subscribe(List.of(topic), this);
                while (open) {
                    try {
                        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(config.idlePollMs()));
                        retryParked(this::mine);
                        for (ConsumerRecord<String, byte[]> r : records) {
                            CloudEvent event = event(r);
                            if (event != null && event.sequence() > startAfter && types.matches(event.type())
                                    && !deliverOrPark(event)) {
                                break; // closing: not committed, so the group's next member delivers it
                            }
                            if (event != null) {
                                lastSeq = Math.max(lastSeq, event.sequence());
                            }
                            done.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                            if (uncommitted++ == 0) {
                                firstUncommittedAt = System.nanoTime();
                            }
                            commit(false);
                        }
                        commit(records.isEmpty());
                    } catch (WakeupException e) {
                        // closing
                    } catch (KafkaException | IllegalStateException | DatabaseException e) {
                        LOG.warn("Subscription {} cannot go on (rewinds to what it handled and retries): {}", name, e.toString());
                        rewind();
                        pause(config.maxBackoffMs());
                    }
                }
            } catch (RuntimeException e) {
                LOG.error("Subscription {} stopped: {}", name, e.toString());
            } finally {
                KafkaConsumer<String, byte[]> c = consumer;
                if (c != null) {
                    try {
                        commit(true);
                    } catch (RuntimeException e) {
                        LOG.warn("Subscription {} could not commit at stop (the group delivers again from its last commit): {}", name,
                                e.getMessage());
                    }
                    c.close(Duration.ofSeconds(10)); // leaves the group: its partitions go to the other nodes at once
                    consumer = null;
                }
            }
        }

        private KafkaConsumer<String, byte[]> newConsumer() {
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group(name));
            p.put(ConsumerConfig.CLIENT_ID_CONFIG, "vafa-" + name + "-" + cluster.nodeId());
            // offsets are committed here, after the route's effect, and never by a timer of the client's
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            // a new group reads from the start: what the subscription handled before is skipped by position
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
            // a route may wait long for a missing plugin between polls; a dead node is found by its heartbeats instead
            p.put(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, Integer.toString((int) TimeUnit.MINUTES.toMillis(30)));
            p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
            p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
            return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
        }

        /** Commits the handled offsets when enough are waiting or they are old enough, or now if asked. */
        private void commit(boolean now) {
            if (done.isEmpty()) {
                return;
            }
            boolean due = now || uncommitted >= config.positionCommitEvents()
                    || System.nanoTime() - firstUncommittedAt >= TimeUnit.MILLISECONDS.toNanos(config.positionCommitMs());
            if (due) {
                try {
                    consumer.commitSync(done);
                } catch (org.apache.kafka.clients.consumer.CommitFailedException e) {
                    // the partitions went to another node meanwhile: it delivers these again, effects keyed by event id
                    LOG.info("Subscription {}: partitions moved before the commit; {} event(s) are delivered again there", name, uncommitted);
                }
                done.clear();
                uncommitted = 0;
            }
        }

        /** After a failure mid-batch: back to the first record not handled, on each partition of this node. */
        private void rewind() {
            try {
                Set<TopicPartition> mine = consumer.assignment();
                Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(mine);
                for (TopicPartition tp : mine) {
                    OffsetAndMetadata at = done.containsKey(tp) ? done.get(tp) : committed.get(tp);
                    if (at != null) {
                        consumer.seek(tp, at.offset());
                    } else {
                        consumer.seekToBeginning(List.of(tp));
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("Subscription {} could not rewind: {}", name, e.toString());
            }
        }

        /** Whether a parked event's subject falls in a partition this node has: it is this node's to retry and hold back. */
        private boolean mine(EventStore.ParkedDelivery p) {
            String key = key(p.subject(), p.eventId() == null ? "" : p.eventId());
            int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
            return consumer.assignment().contains(new TopicPartition(topic, partition));
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            Map<TopicPartition, OffsetAndMetadata> leaving = new HashMap<>();
            revoked.forEach(tp -> {
                if (done.containsKey(tp)) {
                    leaving.put(tp, done.remove(tp));
                }
            });
            if (!leaving.isEmpty()) {
                try {
                    consumer.commitSync(leaving);
                } catch (KafkaException e) {
                    LOG.info("Subscription {}: commit at hand-over failed ({}); the next node delivers those again", name, e.getMessage());
                }
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> added) {
            partitions = Math.max(1, consumer.partitionsFor(topic).size());
            Set<Integer> here = new TreeSet<>();
            consumer.assignment().forEach(tp -> here.add(tp.partition()));
            assigned = here.toString();
            reloadHeldSubjects(this::mine);
        }
    }
}
