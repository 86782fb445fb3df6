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

    @AttributeDefinition(description = "How events reach durable subscriptions: database (the event log itself: one node) or"
            + " kafka (several nodes; each subscription a consumer group). The environment variable VAFA_EVENTS_TRANSPORT wins")
    String transport() default "database";

    @AttributeDefinition(description = "Kafka's bootstrap servers, host:port[,host:port] (the environment variable"
            + " VAFA_KAFKA_BOOTSTRAP wins)")
    String kafkaBootstrapServers() default "";

    @AttributeDefinition(description = "The Kafka topic the events are relayed to, keyed by subject")
    String kafkaTopic() default "vafa.events";

    @AttributeDefinition(description = "Partitions of the topic when Vafa creates it: how many nodes can share one subscription's"
            + " work")
    int kafkaPartitions() default 12;

    @AttributeDefinition(description = "Replicas of the topic when Vafa creates it (3 on a production cluster of three brokers)")
    int kafkaReplicationFactor() default 1;
}
