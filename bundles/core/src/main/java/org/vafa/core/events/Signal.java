package org.vafa.core.events;

/** Wakes waiting subscriptions when the sequencer has made new events readable (same JVM only; polling covers the rest). */
public final class Signal {
    private long generation;

    public synchronized void fire() {
        generation++;
        notifyAll();
    }

    public synchronized long generation() {
        return generation;
    }

    /** Waits until fired after {@code seenGeneration}, or the timeout passes. */
    public synchronized void awaitAfter(long seenGeneration, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (generation == seenGeneration) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }
}
