package org.vafa.core.events;

import java.sql.Connection;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.vafa.api.cluster.ClusterSingletons;
import org.vafa.api.db.Database;
import org.vafa.api.events.CloudEvent;
import org.vafa.api.events.EventLog;

/**
 * The event log service plugins publish through; also runs the sequencer of this node and holds the transport
 * that delivers events to durable subscriptions.
 */
@Component(service = {EventLog.class, VafaEventLog.class}, immediate = true, configurationPid = "org.vafa.events",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = EventsConfig.class)
public class VafaEventLog implements EventLog {

    @Reference
    private Database database;
    @Reference
    private ClusterSingletons cluster;

    private EventStore store;
    private Signal signal;
    private Sequencer sequencer;
    private EventTransport transport;
    private EventsConfig config;

    @Activate
    void activate(EventsConfig config) {
        start(new EventStore(database.dataSource()), config, cluster, System.getenv());
    }

    /** Outside OSGi (benchmark, tests): the database transport. */
    public void start(EventStore store, EventsConfig config) {
        start(store, config, ClusterSingletons.alone(), Map.of());
    }

    /** With the transport the configuration (or the environment, which wins) names. */
    public void start(EventStore store, EventsConfig config, ClusterSingletons cluster, Map<String, String> env) {
        this.store = store;
        this.config = config;
        this.signal = new Signal();
        this.sequencer = new Sequencer(store, signal, config.sequencerIntervalMs());
        String chosen = firstNonBlank(env.get("VAFA_EVENTS_TRANSPORT"), config.transport()).trim();
        switch (chosen) {
            case "database" -> this.transport = new DatabaseTransport(store, signal, config, cluster);
            case "kafka" -> this.transport = new KafkaTransport(store, signal, config, cluster,
                    firstNonBlank(env.get("VAFA_KAFKA_BOOTSTRAP"), config.kafkaBootstrapServers()));
            default -> throw new IllegalStateException("Unknown event transport '" + chosen + "' (transport in PID org.vafa.events, or"
                    + " VAFA_EVENTS_TRANSPORT): database or kafka");
        }
        sequencer.start();
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b == null ? "" : b;
    }

    @Deactivate
    public void stop() {
        transport.stop();
        sequencer.stop();
    }

    @Override
    public CloudEvent append(Connection transaction, String source, String type, String subject, Object data) {
        CloudEvent event = store.append(transaction, source, type, subject, data);
        sequencer.poke();
        return event;
    }

    @Override
    public CloudEvent publish(String source, String type, String subject, Object data) {
        CloudEvent event = org.vafa.core.db.VafaDatabase.inTransaction(store.dataSource(),
                tx -> store.append(tx, source, type, subject, data));
        sequencer.poke();
        return event;
    }

    /** Asks for a parked delivery to be tried again by its subscription (in log order per subject); false if there is none. */
    public boolean retryParked(long parkedId) {
        boolean requested = store.requestRetry(parkedId);
        signal.fire();
        return requested;
    }

    /**
     * Events of the types after a position, oldest first; when there are none yet, waits up to {@code waitMs} for
     * some to be sequenced (a live tail that polls without hammering).
     */
    public java.util.List<CloudEvent> read(TypeFilter types, long after, int limit, long waitMs) throws InterruptedException {
        long deadline = System.nanoTime() + waitMs * 1_000_000L;
        while (true) {
            long seen = signal.generation();
            java.util.List<CloudEvent> events = store.read(types, after, store.lastSequence(), limit);
            long left = deadline - System.nanoTime();
            if (!events.isEmpty() || left <= 0) {
                return events;
            }
            signal.awaitAfter(seen, Math.max(1, left / 1_000_000L));
        }
    }

    public EventStore store() {
        return store;
    }

    public Signal signal() {
        return signal;
    }

    /** How events reach durable subscriptions on this node. */
    public EventTransport transport() {
        return transport;
    }

    public Sequencer sequencer() {
        return sequencer;
    }

    public EventsConfig config() {
        return config;
    }
}
