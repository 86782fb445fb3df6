package org.vafa.core.events;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.events.CloudEvent;

/**
 * What every transport does with one subscription's events on its thread, whatever brings them: delivers each to the
 * route, retries a failure with backoff and parks it after {@code maxAttempts}, holds a parked event's later events of
 * the same subject back behind it, waits without using up attempts while a part the route calls is missing, and
 * delivers the parked events an operator asked to retry. A transport reads the events and keeps the position.
 */
abstract class SubscriptionLoop implements EventTransport.Delivery, Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionLoop.class);

    protected final String name;
    protected final TypeFilter types;
    protected final EventTransport.Receiver receiver;
    protected final EventStore store;
    protected final EventsConfig config;
    protected final Thread thread;
    /** Subjects with a parked event in this subscription: their later events wait behind it. */
    protected final Set<String> heldSubjects = new HashSet<>();
    protected volatile boolean open = true;
    protected volatile String waitingFor;
    /** Events delivered or parked here since the start (metrics). */
    protected volatile long handledCount;
    private final Object pauseLock = new Object();

    SubscriptionLoop(String name, TypeFilter types, EventTransport.Receiver receiver, EventStore store, EventsConfig config) {
        this.name = name;
        this.types = types;
        this.receiver = receiver;
        this.store = store;
        this.config = config;
        this.thread = new Thread(this, "vafa-subscription-" + name);
        this.thread.setDaemon(true);
    }

    /** Saves what has been handled so far: before an event is parked and before a long wait. */
    protected abstract void saveNow();

    /** Records a parked delivery (the database transport moves its position past it in the same transaction). */
    protected abstract void park(CloudEvent event, int attempts, String error);

    /** Wakes the thread from waiting for events, so that it sees it is closing. */
    protected abstract void wakeUp();

    @Override
    public void close() {
        open = false;
        wakeUp();
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
        try {
            // no interrupt: H2 closes its file when a thread using it is interrupted
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Delivers an event (or parks it, or holds it back behind its subject's parked event).
     *
     * @return false if the delivery is closing and the event was not handled (it comes first next time)
     */
    protected boolean deliverOrPark(CloudEvent event) {
        if (event.subject() != null && heldSubjects.contains(event.subject())) {
            saveNow(); // a parked row and the position agree after a crash
            park(event, 0, "held back: an earlier event of subject " + event.subject() + " is parked");
            handledCount++;
            return true;
        }
        Outcome outcome = deliverWithRetries(event, config.maxAttempts());
        if (outcome.stopped) {
            return false;
        }
        if (outcome.error != null) {
            LOG.error("Subscription {} parked event {} ({} #{}) after {} attempts: {}", name, event.id(), event.type(),
                    event.sequence(), outcome.attempts, outcome.error);
            saveNow();
            park(event, outcome.attempts, outcome.error);
            if (event.subject() != null) {
                heldSubjects.add(event.subject());
            }
        }
        handledCount++;
        return true;
    }

    /**
     * Delivers the parked events (of those this loop answers for) an operator asked to retry, in log order. An event
     * is only retried when no earlier event of its subject is still parked, so a subject's order holds.
     */
    protected void retryParked(Predicate<EventStore.ParkedDelivery> mine) {
        List<EventStore.ParkedDelivery> parked = store.parked(name, false).stream().filter(mine).toList();
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

    /** The subjects of this subscription's parked events (of those this loop answers for): their later events wait. */
    protected void reloadHeldSubjects(Predicate<EventStore.ParkedDelivery> mine) {
        heldSubjects.clear();
        store.parked(name, false).stream().filter(mine).forEach(p -> {
            if (p.subject() != null) {
                heldSubjects.add(p.subject());
            }
        });
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
                saveNow();
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
    protected void pause(long ms) {
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
