package org.vafa.core.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.vafa.api.events.CloudEvent;
import org.vafa.core.Standalone;
import org.vafa.core.cluster.DatabaseLeases;
import org.vafa.core.db.TestDatabases;
import org.vafa.kafka.KafkaBroker;

/**
 * The Kafka transport keeps the database transport's semantics, on a real broker: a failing event is retried, then
 * parked, and its subject's later events wait behind it while other subjects go on; an operator's retry delivers them
 * in order; offsets are committed after the effect, so a subscription opened again gets only what came since.
 */
class KafkaTransportTest {

    private static final class Recorder implements EventTransport.Receiver {
        final List<String> seen = new CopyOnWriteArrayList<>();
        volatile boolean failBad = true;

        @Override
        public Exception deliver(CloudEvent event) {
            if (failBad && "bad".equals(event.subject())) {
                return new IllegalStateException("the route failed");
            }
            seen.add(event.id());
            return null;
        }

        @Override
        public String missingPart(Exception failure) {
            return null;
        }

        @Override
        public boolean present(String part) {
            return true;
        }
    }

    @Test
    void parksHoldsBackRetriesInOrderAndCommitsAfterTheEffect() throws Exception {
        try (KafkaBroker kafka = KafkaBroker.fresh(Files.createTempDirectory("vafa-kafka-test"));
             HikariDataSource db = TestDatabases.fresh("postgresql")) {
            DatabaseLeases leases = new DatabaseLeases(Standalone.database(db, "postgresql"), "test", 15);
            VafaEventLog log = new VafaEventLog();
            log.start(new EventStore(db), Standalone.configured(EventsConfig.class, Map.of("transport", "kafka", "maxAttempts", 2,
                    "initialBackoffMs", 50L, "maxBackoffMs", 200L, "idlePollMs", 200L, "kafkaPartitions", 3)), leases,
                    Map.of("VAFA_KAFKA_BOOTSTRAP", kafka.bootstrap()));
            try {
                Recorder recorder = new Recorder();
                EventTransport.Delivery delivery = log.transport().open("s", TypeFilter.parse("test.*"), true, recorder);
                String a1 = log.publish("test", "test.sale", "a", Map.of("n", 1)).id();
                String bad1 = log.publish("test", "test.sale", "bad", Map.of("n", 2)).id();
                String bad2 = log.publish("test", "test.sale", "bad", Map.of("n", 3)).id();
                log.publish("test", "other.thing", "a", Map.of("n", 4));
                String a2 = log.publish("test", "test.sale", "a", Map.of("n", 5)).id();

                await(() -> recorder.seen.containsAll(List.of(a1, a2)) && log.store().parked("s", false).size() == 2);
                assertThat(recorder.seen).containsExactly(a1, a2);
                List<EventStore.ParkedDelivery> parked = log.store().parked("s", false);
                assertThat(parked).extracting(EventStore.ParkedDelivery::eventId).containsExactly(bad1, bad2);
                assertThat(parked.get(0).attempts()).isEqualTo(2);
                assertThat(parked.get(1).lastError()).startsWith("held back");

                // fixed: the operator retries both; they come in their order
                recorder.failBad = false;
                parked.forEach(p -> log.retryParked(p.id()));
                await(() -> log.store().parked("s", false).isEmpty() && recorder.seen.size() == 4);
                assertThat(recorder.seen).containsExactly(a1, a2, bad1, bad2);

                // what was handled is committed: opened again (a restart), the subscription gets only what came since
                delivery.close();
                String a3 = log.publish("test", "test.sale", "a", Map.of("n", 6)).id();
                Recorder again = new Recorder();
                EventTransport.Delivery second = log.transport().open("s", TypeFilter.parse("test.*"), true, again);
                await(() -> again.seen.contains(a3));
                assertThat(again.seen).containsExactly(a3);
                second.close();
            } finally {
                log.stop();
                leases.stop();
            }
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }
}
