package org.vafa.core.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives committed events their position in the log. Plugins insert events in their own transactions,
 * which commit in any order; positions handed out here follow commit order, so a subscription that
 * reads "after position N" can never miss an event that committed late.
 */
public final class Sequencer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);
    private static final int BATCH = 1000;

    private final EventStore store;
    private final Signal signal;
    private final long intervalMs;
    private final Object wake = new Object();
    private volatile boolean running = true;
    private volatile String lastError;
    private Thread thread;

    public Sequencer(EventStore store, Signal signal, long intervalMs) {
        this.store = store;
        this.signal = signal;
        this.intervalMs = intervalMs;
    }

    public void start() {
        thread = new Thread(this, "vafa-event-sequencer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops without interrupting (an interrupt would close H2's file channel). */
    public void stop() {
        running = false;
        poke();
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Called after a local publish: look again soon. */
    public void poke() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** Null when healthy, else what went wrong last. */
    public String lastError() {
        return lastError;
    }

    public boolean isRunning() {
        return running && thread != null && thread.isAlive();
    }

    @Override
    public void run() {
        while (running) {
            try {
                int n = store.sequenceBatch(BATCH);
                if (lastError != null) {
                    LOG.info("Event sequencer recovered");
                    lastError = null;
                }
                if (n > 0) {
                    signal.fire();
                    if (n == BATCH) {
                        continue;
                    }
                }
                synchronized (wake) {
                    wake.wait(intervalMs);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (lastError == null) {
                    LOG.warn("Event sequencer cannot reach the database, retrying: {}", e.getMessage());
                }
                lastError = String.valueOf(e.getMessage());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }
}
