package org.vafa.crm.tickets;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the tickets' SLA deadlines continuously: it sleeps until the next deadline (or until a ticket changes) and
 * escalates what is due then, not on a five-minute sweep. Another node's changes are seen within a minute.
 */
final class Escalator implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Escalator.class);
    private static final long LONGEST_SLEEP_MS = 60_000;

    private final Tickets tickets;
    /** Whether this node escalates for the cluster (one node does: a deadline missed is escalated once). */
    private final java.util.function.BooleanSupplier leads;
    private final Object changed = new Object();
    private boolean woken;
    private volatile boolean running;
    private Thread thread;

    Escalator(Tickets tickets, java.util.function.BooleanSupplier leads) {
        this.tickets = tickets;
        this.leads = leads;
    }

    void start() {
        running = true;
        thread = new Thread(this, "vafa-crm-escalations");
        thread.setDaemon(true);
        thread.start();
    }

    void stop() {
        running = false;
        wake();
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A ticket was filed or changed: its deadline may be the next one. */
    void wake() {
        synchronized (changed) {
            woken = true;
            changed.notifyAll();
        }
    }

    @Override
    public void run() {
        while (running) {
            long sleep = LONGEST_SLEEP_MS;
            try {
                // another node escalates: look again in a while, in case it dies
                Optional<Instant> next = leads.getAsBoolean() ? tickets.escalateDue(Instant.now())
                        : Optional.of(Instant.now().plusSeconds(5));
                if (next.isPresent()) {
                    sleep = Math.max(1, Math.min(LONGEST_SLEEP_MS, Duration.between(Instant.now(), next.get()).toMillis() + 1));
                }
            } catch (RuntimeException e) {
                LOG.warn("Ticket escalation failed, trying again: {}", e.toString());
                sleep = 5_000;
            }
            synchronized (changed) {
                if (!woken && running) {
                    try {
                        changed.wait(sleep);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                woken = false;
            }
        }
    }
}
