package org.vafa.core.camel.events;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.NoSuchBeanException;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.events.CloudEvent;
import org.vafa.api.events.EventHeaders;
import org.vafa.core.events.EventStore;
import org.vafa.core.events.EventsConfig;
import org.vafa.core.events.Json;
import org.vafa.core.events.TypeFilter;
import org.vafa.core.events.VafaEventLog;

/**
 * Delivers a durable subscription's events to its route, one at a time in log order, on a thread of
 * its own. The position moves on only after the route handled the event (at-least-once). A failing
 * event is retried with exponential backoff and then parked; while a bean the route calls is missing
 * (its bundle is stopped or being replaced) the subscription waits instead, without using up attempts.
 * Order per subject holds across parking too: while an event of a subject is parked, later events of
 * that subject are held back (parked behind it), and retries release them in log order.
 */
final class EventsConsumer extends DefaultConsumer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(EventsConsumer.class);
    private static final int BATCH = 200;

    private final EventsEndpoint endpoint;
    private final TypeFilter types;
    private final EventStore store;
    private final VafaEventLog eventLog;
    private final EventsConfig config;
    private volatile boolean running;
    private volatile String waitingFor;
    private Thread thread;
    private String routeId;
    private long position;
    private final Object pauseLock = new Object();
    /** Subjects with a parked event in this subscription: their later events wait behind it. */
    private final Set<String> heldSubjects = new HashSet<>();

    EventsConsumer(EventsEndpoint endpoint, Processor processor, TypeFilter types) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.types = types;
        this.eventLog = endpoint.getComponent().eventLog();
        this.store = eventLog.store();
        this.config = eventLog.config();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        routeId = getRouteId();
        endpoint.getComponent().subscriptions().claim(endpoint.getSubscription(), routeId);
        try {
            position = store.openSubscription(endpoint.getSubscription(), types.toString(),
                    "beginning".equals(endpoint.getStartFrom()));
        } catch (RuntimeException e) {
            endpoint.getComponent().subscriptions().release(endpoint.getSubscription(), routeId);
            throw e;
        }
        heldSubjects.clear();
        store.parked(endpoint.getSubscription(), false).forEach(p -> {
            if (p.subject() != null) {
                heldSubjects.add(p.subject());
            }
        });
        running = true;
        thread = new Thread(this, "vafa-subscription-" + endpoint.getSubscription());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        eventLog.signal().fire();
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
        if (thread != null) {
            // no interrupt: H2 closes its file when a thread using it is interrupted
            thread.join(60_000);
        }
        endpoint.getComponent().subscriptions().release(endpoint.getSubscription(), routeId);
        super.doStop();
    }

    @Override
    public void run() {
        String name = endpoint.getSubscription();
        while (running) {
            try {
                long seen = eventLog.signal().generation();
                retryParked(name);
                long upTo = store.lastSequence();
                List<CloudEvent> batch = position < upTo ? store.read(types, position, upTo, BATCH) : List.of();
                for (CloudEvent event : batch) {
                    if (!deliverOrPark(name, event)) {
                        break; // stopping: the event stays undelivered and comes first next time
                    }
                }
                if (running && batch.size() < BATCH) {
                    if (upTo > position) {
                        store.advance(name, upTo); // nothing else up to here is for this subscription
                        position = upTo;
                    }
                    eventLog.signal().awaitAfter(seen, config.idlePollMs());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Subscription {} cannot read the event log, retrying: {}", name, e.getMessage());
                pause(config.maxBackoffMs());
            }
        }
    }

    /** @return false if the consumer is stopping and the event was not handled */
    private boolean deliverOrPark(String name, CloudEvent event) {
        if (event.subject() != null && heldSubjects.contains(event.subject())) {
            store.park(name, event.sequence(), 0, "held back: an earlier event of subject " + event.subject() + " is parked");
            position = event.sequence();
            return true;
        }
        Outcome outcome = deliverWithRetries(event, config.maxAttempts());
        if (outcome.stopped) {
            return false;
        }
        if (outcome.error == null) {
            store.advance(name, event.sequence());
        } else {
            LOG.error("Subscription {} parked event {} ({} #{}) after {} attempts: {}", name, event.id(), event.type(),
                    event.sequence(), outcome.attempts, outcome.error);
            store.park(name, event.sequence(), outcome.attempts, outcome.error);
            if (event.subject() != null) {
                heldSubjects.add(event.subject());
            }
        }
        position = event.sequence();
        return true;
    }

    /**
     * Delivers the parked events an operator asked to retry, in log order. An event is only retried
     * when no earlier event of its subject is still parked, so a subject's order holds.
     */
    private void retryParked(String name) {
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
        while (running) {
            Exception failure = deliver(event);
            if (failure == null) {
                waitingFor = null;
                return new Outcome(false, attempts + 1, null);
            }
            NoSuchBeanException missing = ObjectHelper.getException(NoSuchBeanException.class, failure);
            if (missing != null) {
                // a bundle the route needs is stopped or being swapped: wait for it, nothing is lost
                if (!missing.getMessage().equals(waitingFor)) {
                    LOG.warn("Subscription {} waits: {}", endpoint.getSubscription(), missing.getMessage());
                    waitingFor = missing.getMessage();
                }
                awaitBean(missing.getName());
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
     * Waits until the bean a route missed is in the registry (a plugin installed), without running the route
     * meanwhile: each failed run would be logged. Tries the route again at least every minute all the same.
     */
    private void awaitBean(String bean) {
        long step = Math.max(50, config.maxBackoffMs() / 4);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        do {
            pause(step);
        } while (running && bean != null && System.nanoTime() < deadline
                && getEndpoint().getCamelContext().getRegistry().lookupByName(bean) == null);
    }

    /** Sends one event through the route; returns what it failed with, or null. */
    private Exception deliver(CloudEvent event) {
        Exchange exchange = createExchange(false);
        try {
            Map<String, Object> headers = exchange.getMessage().getHeaders();
            headers.put(EventHeaders.ID, event.id());
            headers.put(EventHeaders.SOURCE, event.source());
            headers.put(EventHeaders.TYPE, event.type());
            if (event.subject() != null) {
                headers.put(EventHeaders.SUBJECT, event.subject());
            }
            headers.put(EventHeaders.TIME, event.time().toString());
            headers.put(EventHeaders.SEQUENCE, event.sequence());
            headers.put(EventHeaders.SUBSCRIPTION, endpoint.getSubscription());
            headers.put(Exchange.CONTENT_TYPE, "application/json");
            exchange.getMessage().setBody(Json.MAPPER.convertValue(Json.readTree(event.dataJson()), Object.class));
            exchange.setProperty("VafaCloudEvent", Json.envelope(event).toString());
            getProcessor().process(exchange);
            return exchange.getException();
        } catch (Exception e) {
            return e;
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /** Waits, but wakes at once when the consumer stops. */
    private void pause(long ms) {
        synchronized (pauseLock) {
            try {
                if (running) {
                    pauseLock.wait(ms);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /** What the subscription is waiting for (a missing bean), or null; shown by vafa:subscriptions. */
    String waitingFor() {
        return waitingFor;
    }
}
