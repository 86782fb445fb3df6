package org.vafa.core.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.cluster.ClusterSingletons;
import org.vafa.api.events.CloudEvent;

/**
 * The single-node transport: each subscription reads the event log itself, on a thread of its own, in log order,
 * and keeps its position in the database. Positions are saved per batch ({@code positionCommitEvents} or
 * {@code positionCommitMs}, and whenever the subscription is idle, parks an event or stops), so a crash delivers at
 * most a batch again; effects are keyed by event id, so that changes nothing a user sees.
 */
public final class DatabaseTransport implements EventTransport {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseTransport.class);
    private static final int READ_BATCH = 500;

    private final EventStore store;
    private final Signal signal;
    private final EventsConfig config;
    /** Several nodes without Kafka: each subscription is delivered by one node at a time (its lease). */
    private final ClusterSingletons cluster;
    private final Map<String, Loop> running = new ConcurrentHashMap<>();

    public DatabaseTransport(EventStore store, Signal signal, EventsConfig config, ClusterSingletons cluster) {
        this.cluster = cluster;
        this.store = store;
        this.signal = signal;
        this.config = config;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public Delivery open(String subscription, TypeFilter types, boolean fromBeginning, Receiver receiver) {
        long position = store.openSubscription(subscription, types.toString(), fromBeginning);
        Loop loop = new Loop(subscription, types, position, receiver);
        loop.reloadHeldSubjects(p -> true);
        running.put(subscription, loop);
        loop.thread.start();
        return loop;
    }

    @Override
    public List<SubscriptionState> subscriptions() {
        long end = store.lastSequence();
        List<SubscriptionState> out = new ArrayList<>();
        for (EventStore.Subscription s : store.subscriptions()) {
            Loop loop = running.get(s.name());
            out.add(new SubscriptionState(s.name(), s.types(), s.lastSeq(), Math.max(0, end - s.lastSeq()),
                    store.parked(s.name(), false).size(), loop != null, loop == null ? null : loop.waitingFor, s.updatedAt(),
                    loop == null ? "" : "all", loop == null ? 0 : loop.handledCount));
        }
        return out;
    }

    /** One subscription's delivery: reads the log, delivers, saves its position. */
    private final class Loop extends SubscriptionLoop {
        /** The last event handled, and the last position saved. */
        private boolean leading;
        private long position;
        private long saved;
        private int unsaved;
        private long firstUnsavedAt;

        Loop(String name, TypeFilter types, long position, Receiver receiver) {
            super(name, types, receiver, DatabaseTransport.this.store, DatabaseTransport.this.config);
            this.position = position;
            this.saved = position;
        }

        @Override
        protected void wakeUp() {
            signal.fire();
        }

        @Override
        public void close() {
            super.close();
            running.remove(name, this);
            cluster.release("subscription:" + name);
        }

        @Override
        protected void saveNow() {
            saveIfDue(true);
        }

        @Override
        protected void park(CloudEvent event, int attempts, String error) {
            store.park(name, event.sequence(), attempts, error);
        }

        @Override
        public void run() {
            try {
                while (open) {
                    try {
                        long seen = signal.generation();
                        if (!cluster.leads("subscription:" + name)) {
                            // another node delivers this subscription; this one takes over if that node dies
                            leading = false;
                            signal.awaitAfter(seen, Math.max(1000, config.idlePollMs()));
                            continue;
                        }
                        if (!leading) {
                            // (again) this node's: from where the last node to deliver it saved its position
                            position = store.openSubscription(name, types.toString(), false);
                            saved = position;
                            unsaved = 0;
                            reloadHeldSubjects(p -> true);
                            leading = true;
                        }
                        retryParked(p -> true);
                        long upTo = store.lastSequence();
                        List<CloudEvent> batch = position < upTo ? store.read(types, position, upTo, READ_BATCH) : List.of();
                        for (CloudEvent event : batch) {
                            if (!deliverOrPark(event)) {
                                break; // closing: the event stays undelivered and comes first next time
                            }
                            handled(event.sequence());
                            saveIfDue(false);
                        }
                        if (open && batch.size() < READ_BATCH) {
                            if (upTo > position) {
                                handled(upTo); // nothing else up to here is for this subscription
                            }
                            saveIfDue(true); // idle: the position is saved before waiting
                            signal.awaitAfter(seen, config.idlePollMs());
                        }
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        LOG.warn("Subscription {} cannot read the event log, retrying: {}", name, e.getMessage());
                        pause(config.maxBackoffMs());
                    }
                }
            } finally {
                try {
                    if (leading) {
                        saveIfDue(true);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Subscription {} could not save its position at stop (it redelivers from {}): {}", name, saved, e.getMessage());
                }
            }
        }

        /** Saves the position when a batch is full or old enough, or now if asked. */
        private void saveIfDue(boolean now) {
            if (position == saved) {
                return;
            }
            boolean due = now || unsaved >= config.positionCommitEvents()
                    || System.nanoTime() - firstUnsavedAt >= TimeUnit.MILLISECONDS.toNanos(config.positionCommitMs());
            if (due) {
                store.advance(name, position);
                saved = position;
                unsaved = 0;
            }
        }

        private void handled(long seq) {
            position = seq;
            if (unsaved++ == 0) {
                firstUnsavedAt = System.nanoTime();
            }
        }
    }
}
