package org.vafa.api.events;

/** Camel message headers carrying the CloudEvents attributes of a delivered or published event. */
public final class EventHeaders {
    public static final String ID = "ce-id";
    public static final String SOURCE = "ce-source";
    public static final String TYPE = "ce-type";
    public static final String SUBJECT = "ce-subject";
    public static final String TIME = "ce-time";
    /** The position of the event in the log. */
    public static final String SEQUENCE = "ce-sequence";
    /** The name of the subscription delivering the event. */
    public static final String SUBSCRIPTION = "VafaSubscription";

    private EventHeaders() {
    }
}
