package org.vafa.core.events;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.events}; the defaults below are the only ones. */
@ObjectClassDefinition(name = "Vafa event log", description = "Event log and durable subscriptions")
public @interface EventsConfig {

    @AttributeDefinition(description = "How often (ms) the sequencer looks for newly committed events")
    long sequencerIntervalMs() default 20;

    @AttributeDefinition(description = "How often (ms) an idle subscription looks for new events even without a signal")
    long idlePollMs() default 1000;

    @AttributeDefinition(description = "Attempts at delivering one event before it is parked")
    int maxAttempts() default 5;

    @AttributeDefinition(description = "Wait (ms) before the first retry; doubled at each further attempt")
    long initialBackoffMs() default 500;

    @AttributeDefinition(description = "Longest wait (ms) between retries, also while a bean the route calls is missing")
    long maxBackoffMs() default 10000;

    @AttributeDefinition(description = "A subscription saves its position after this many handled events at most (after a"
            + " crash, up to this many are delivered again: effects are keyed by event id)")
    int positionCommitEvents() default 100;

    @AttributeDefinition(description = "... or after this many ms, whichever comes first; and always when it is idle or stops")
    long positionCommitMs() default 200;
}
