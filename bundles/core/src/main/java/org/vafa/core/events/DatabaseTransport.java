package org.vafa.core.events;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
    private final Map<String, Loop> running = new ConcurrentHashMap<>();

    public DatabaseTransport(EventStore store, Signal signal, EventsConfig config) {
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
        store.parked(subscription, false).forEach(p -> {
            if (p.subject() != null) {
                loop.heldSubjects.add(p.subject());
            }
        });
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
                    store.parked(s.name(), false).size(), loop != null, loop == null ? null : loop.waitingFor, s.updatedAt()));
        }
        return out;
    }

    /** One subscription's delivery: reads, delivers, retries, parks, saves its position. */
    private final class Loop implements Delivery, Runnable {
        private final String name;
        private final TypeFilter types;
        private final Receiver receiver;
        private final Thread thread;
        private final Object pauseLock = new Object();
        /** Subjects with a parked event in this subscription: their later events wait behind it. */
        private final Set<String> heldSubjects = new HashSet<>();
        private volatile boolean open = true;
        private volatile String waitingFor;
        /** The last event handled, and the last position saved. */
        private long position;
        private long saved;
        private int unsaved;
        private long firstUnsavedAt;

        Loop(String name, TypeFilter types, long position, Receiver receiver) {
            this.name = name;
            this.types = types;
            this.position = position;
            this.saved = position;
            this.receiver = receiver;
            this.thread = new Thread(this, "vafa-subscription-" + name);
            this.thread.setDaemon(true);
        }

        @Override
        public void close() {
            open = false;
            signal.fire();
            synchronized (pauseLock) {
                pauseLock.notifyAll();
            }
            try {
                // no interrupt: H2 closes its file when a thread using it is interrupted
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.remove(name, this);
        }

        @Override
        public void run() {
            try {
                while (open) {
                    try {
                        long seen = signal.generation();
                        retryParked();
                        long upTo = store.lastSequence();
                        List<CloudEvent> batch = position < upTo ? store.read(types, position, upTo, READ_BATCH) : List.of();
                        for (CloudEvent event : batch) {
                            if (!deliverOrPark(event)) {
                                break; // closing: the event stays undelivered and comes first next time
                            }
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
                    saveIfDue(true);
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

        /** @return false if the delivery is closing and the event was not handled */
        private boolean deliverOrPark(CloudEvent event) {
            if (event.subject() != null && heldSubjects.contains(event.subject())) {
                saveIfDue(true); // a parked row and the position agree after a crash
                store.park(name, event.sequence(), 0, "held back: an earlier event of subject " + event.subject() + " is parked");
                handled(event.sequence());
                return true;
            }
            Outcome outcome = deliverWithRetries(event, config.maxAttempts());
            if (outcome.stopped) {
                return false;
            }
            if (outcome.error != null) {
                LOG.error("Subscription {} parked event {} ({} #{}) after {} attempts: {}", name, event.id(), event.type(),
                        event.sequence(), outcome.attempts, outcome.error);
                saveIfDue(true);
                store.park(name, event.sequence(), outcome.attempts, outcome.error);
                if (event.subject() != null) {
                    heldSubjects.add(event.subject());
                }
            }
            handled(event.sequence());
            return true;
        }

        /**
         * Delivers the parked events an operator asked to retry, in log order. An event is only retried
         * when no earlier event of its subject is still parked, so a subject's order holds.
         */
        private void retryParked() {
            List<EventStore.ParkedDelivery> parked = store.parked(name, false);
            if (parked.stream().noneMatch(EventStore.ParkedDelivery::retryRequested)) {
                return;
            }
            Set<String> blocked = new HashSet<>();
            for (EventStore.ParkedDelivery p : parked) {
                String subject = p.subject();
                if (!p.retryRequested() || (subject != null && blocked.contains(subject))) {
                    if (subject != null) {
                        blocked.add(subject);
                    }
                    if (p.retryRequested()) {
                        store.retryFailed(p.id(), 0, "held back: an earlier event of subject " + subject + " is still parked");
                    }
                    continue;
                }
                CloudEvent event = store.bySequence(p.eventSeq()).orElse(null);
                if (event == null) {
                    store.retrySucceeded(p.id());
                    continue;
                }
                Outcome outcome = deliverWithRetries(event, 1);
                if (outcome.stopped) {
                    return;
                }
                if (outcome.error == null) {
                    LOG.info("Subscription {} delivered parked event {} on retry", name, event.id());
                    store.retrySucceeded(p.id());
                } else {
                    store.retryFailed(p.id(), outcome.attempts, outcome.error);
                    if (subject != null) {
                        blocked.add(subject);
                    }
                }
            }
            heldSubjects.clear();
            heldSubjects.addAll(blocked);
        }

        private record Outcome(boolean stopped, int attempts, String error) {
        }

        private Outcome deliverWithRetries(CloudEvent event, int maxAttempts) {
            int attempts = 0;
            long backoff = config.initialBackoffMs();
            while (open) {
                Exception failure = receiver.deliver(event);
                if (failure == null) {
                    waitingFor = null;
                    return new Outcome(false, attempts + 1, null);
                }
                String missing = receiver.missingPart(failure);
                if (missing != null) {
                    // a bundle the route needs is stopped or being swapped: wait for it, nothing is lost
                    if (!missing.equals(waitingFor)) {
                        LOG.warn("Subscription {} waits: {}", name, failure.getMessage());
                        waitingFor = missing;
                    }
                    saveIfDue(true);
                    awaitPart(missing);
                    continue;
                }
                attempts++;
                if (attempts >= maxAttempts) {
                    return new Outcome(false, attempts, failure.getClass().getSimpleName() + ": " + failure.getMessage());
                }
                pause(backoff);
                backoff = Math.min(backoff * 2, config.maxBackoffMs());
            }
            return new Outcome(true, attempts, null);
        }

        /**
         * Waits until the part a route missed is there (a plugin installed), without running the route meanwhile:
         * each failed run would be logged. Tries the route again at least every minute all the same.
         */
        private void awaitPart(String part) {
            long step = Math.max(50, config.maxBackoffMs() / 4);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            do {
                pause(step);
            } while (open && System.nanoTime() < deadline && !receiver.present(part));
        }

        /** Waits, but wakes at once when the delivery closes. */
        private void pause(long ms) {
            synchronized (pauseLock) {
                try {
                    if (open) {
                        pauseLock.wait(ms);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    open = false;
                }
            }
        }
    }
}
