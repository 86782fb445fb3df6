package org.vafa.core.events;

import java.time.Instant;
import java.util.List;
import org.vafa.api.events.CloudEvent;

/**
 * How committed events reach durable subscriptions. The outbox ({@link EventStore#append}) and the
 * {@link Sequencer} are the write side and stay the same whatever the transport; a transport delivers the
 * sequenced events to each subscription with the same semantics: at-least-once, in log order per subject, the
 * position saved only after the route handled an event, a failing event retried with backoff and then parked,
 * later events of a parked event's subject held back behind it, and a subscription whose route misses a part
 * (a bean of a stopped plugin) waiting for it without using up attempts. The first transport is the database
 * log ({@link DatabaseTransport}); routes and plugins never see which one runs.
 */
public interface EventTransport {

    /** Shown by health, {@code vafa:subscriptions} and the banner, e.g. {@code database}. */
    String name();

    /**
     * Starts delivering the subscription's events to the receiver on a thread of the transport, from where it
     * stopped (or from the beginning of the log, or its end, for a new subscription).
     */
    Delivery open(String subscription, TypeFilter types, boolean fromBeginning, Receiver receiver);

    /** Every durable subscription, running or not, with its position and backlog. */
    List<SubscriptionState> subscriptions();

    /** Stops what the transport runs besides the deliveries (which close with their routes). */
    default void stop() {
    }

    /** A running delivery. */
    interface Delivery {
        /** Stops after the event in hand (which, if unfinished, comes first next time); the position is saved. */
        void close();
    }

    /** The route end of a subscription. */
    interface Receiver {
        /** Hands one event to the route; null when it was handled, else what it failed with. */
        Exception deliver(CloudEvent event);

        /** The name of a part the route missed (a bean), when that is why it failed; else null. */
        String missingPart(Exception failure);

        /** Whether the part is there again. */
        boolean present(String part);
    }

    /**
     * @param position   the last event handled (or skipped as not matching), as saved
     * @param backlog    events after the position (of every type; the matching ones are fewer)
     * @param waitingFor what a running delivery waits for (a missing bean), or null
     * @param onThisNode  what this node does for it: {@code all} (database transport), the Kafka partitions it has, or empty
     * @param handled     events this node delivered (or parked) for it since it started
     */
    record SubscriptionState(String name, String types, long position, long backlog, int parked, boolean running, String waitingFor,
                             Instant updatedAt, String onThisNode, long handled) {
    }
}
