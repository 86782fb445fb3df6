package org.vafa.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vafa.api.events.CloudEvent;
import org.vafa.core.Standalone;
import org.vafa.core.db.TestDatabases;
import org.vafa.core.db.VafaDatabase;

/** The database transport on both databases: delivery in log order with positions saved per batch, and a missing part waited for. */
class DatabaseTransportTest {

    /** A route end that records what it was handed; fails while a part is missing. */
    private static final class Recorder implements EventTransport.Receiver {
        final List<String> seen = new CopyOnWriteArrayList<>();
        volatile boolean beanThere = true;
        volatile int refusals;

        @Override
        public Exception deliver(CloudEvent event) {
            if (!beanThere) {
                refusals++;
                return new IllegalStateException("no bean crmTimeline");
            }
            seen.add(event.id());
            return null;
        }

        @Override
        public String missingPart(Exception failure) {
            return failure.getMessage().startsWith("no bean") ? "crmTimeline" : null;
        }

        @Override
        public boolean present(String part) {
            return beanThere;
        }
    }

    private static VafaEventLog eventLog(HikariDataSource db) {
        VafaDatabase.migrate(db, "core", DatabaseTransportTest.class.getClassLoader());
        VafaEventLog log = new VafaEventLog();
        log.start(new EventStore(db), Standalone.configured(EventsConfig.class, Map.of("positionCommitEvents", 50,
                "positionCommitMs", 60_000L, "maxBackoffMs", 200L)));
        return log;
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void everyEventOnceInLogOrderAndThePositionSavedWhenIdleAndAtClose(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            VafaEventLog log = eventLog(db);
            try {
                Recorder recorder = new Recorder();
                EventTransport.Delivery delivery = log.transport().open("timeline", TypeFilter.parse("pos.*"), true, recorder);
                List<String> published = new java.util.ArrayList<>();
                for (int i = 0; i < 230; i++) {
                    published.add(log.publish("pos", i % 2 == 0 ? "pos.sale.completed" : "club.member.updated", "r" + (i % 7), Map.of("n", i))
                            .id());
                }
                List<String> expected = java.util.stream.IntStream.range(0, 230).filter(i -> i % 2 == 0).mapToObj(published::get).toList();
                await(() -> recorder.seen.size() == expected.size());
                assertThat(recorder.seen).containsExactlyElementsOf(expected);
                // idle: the position is saved up to the log's end, past the last (unmatched) event, although
                // positionCommitMs is a minute here and 230 is no multiple of positionCommitEvents. The sequencer may
                // still be giving the last events their numbers, so this waits for both rather than reading once.
                await(() -> {
                    EventTransport.SubscriptionState s = state(log, "timeline");
                    return s.backlog() == 0 && s.position() >= 230;
                });
                delivery.close();

                // reopened (a restart): nothing is delivered again
                Recorder again = new Recorder();
                EventTransport.Delivery second = log.transport().open("timeline", TypeFilter.parse("pos.*"), true, again);
                String marker = log.publish("pos", "pos.sale.completed", "r1", Map.of("marker", true)).id();
                await(() -> again.seen.contains(marker));
                assertThat(again.seen).containsExactly(marker);
                second.close();
            } finally {
                log.stop();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void aMissingBeanIsWaitedForWithoutParkingAndShownAsWhatTheSubscriptionWaitsFor(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            VafaEventLog log = eventLog(db);
            try {
                Recorder recorder = new Recorder();
                recorder.beanThere = false;
                EventTransport.Delivery delivery = log.transport().open("timeline", TypeFilter.parse("*"), true, recorder);
                String first = log.publish("pos", "pos.sale.completed", "r1", Map.of("n", 1)).id();
                await(() -> "crmTimeline".equals(state(log, "timeline").waitingFor()));
                int refusals = recorder.refusals;
                assertThat(refusals).as("far fewer tries than maxAttempts would park after").isBetween(1, 10);
                recorder.beanThere = true; // the plugin is installed
                await(() -> recorder.seen.contains(first));
                assertThat(log.store().parked("timeline", false)).isEmpty();
                await(() -> state(log, "timeline").waitingFor() == null);
                delivery.close();
            } finally {
                log.stop();
            }
        }
    }

    /** Two nodes on one database without Kafka: one delivers the subscription; when it stops, the other goes on from there. */
    @ParameterizedTest
    @MethodSource("org.vafa.core.db.TestDatabases#vendors")
    void twoNodesWithoutKafkaDeliverEachEventOnce(String vendor) throws Exception {
        try (HikariDataSource db = TestDatabases.fresh(vendor)) {
            VafaDatabase.migrate(db, "core", DatabaseTransportTest.class.getClassLoader());
            org.vafa.api.db.Database database = Standalone.database(db, vendor);
            EventsConfig config = Standalone.configured(EventsConfig.class, Map.of("positionCommitEvents", 10, "idlePollMs", 200L));
            org.vafa.core.cluster.DatabaseLeases leasesA = new org.vafa.core.cluster.DatabaseLeases(database, "a", 3);
            org.vafa.core.cluster.DatabaseLeases leasesB = new org.vafa.core.cluster.DatabaseLeases(database, "b", 3);
            VafaEventLog a = new VafaEventLog();
            VafaEventLog b = new VafaEventLog();
            a.start(new EventStore(db), config, leasesA, Map.of());
            b.start(new EventStore(db), config, leasesB, Map.of());
            try {
                Recorder onA = new Recorder();
                Recorder onB = new Recorder();
                EventTransport.Delivery deliveryA = a.transport().open("timeline", TypeFilter.parse("*"), true, onA);
                EventTransport.Delivery deliveryB = b.transport().open("timeline", TypeFilter.parse("*"), true, onB);
                List<String> published = new java.util.ArrayList<>();
                for (int i = 0; i < 60; i++) {
                    published.add((i % 2 == 0 ? a : b).publish("test", "pos.sale.completed", "r" + i, Map.of("n", i)).id());
                }
                await(() -> onA.seen.size() + onB.seen.size() >= 60);
                List<String> first = onA.seen.isEmpty() ? onB.seen : onA.seen;
                assertThat(onA.seen.isEmpty() || onB.seen.isEmpty()).as("one node delivers: a %s, b %s", onA.seen.size(), onB.seen.size())
                        .isTrue();
                assertThat(first).containsExactlyElementsOf(published);

                // the delivering node stops: the other takes the subscription over from its saved position
                boolean aDelivered = !onA.seen.isEmpty();
                (aDelivered ? deliveryA : deliveryB).close();
                Recorder other = aDelivered ? onB : onA;
                String later = (aDelivered ? b : a).publish("test", "pos.sale.completed", "r", Map.of("n", 60)).id();
                await(() -> other.seen.contains(later));
                assertThat(other.seen).containsExactly(later);
                (aDelivered ? deliveryB : deliveryA).close();
            } finally {
                a.stop();
                b.stop();
                leasesA.stop();
                leasesB.stop();
            }
        }
    }

    private static EventTransport.SubscriptionState state(VafaEventLog log, String name) {
        return log.transport().subscriptions().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }
}
