package org.vafa.core.camel.events;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.support.DefaultEndpoint;
import org.vafa.core.events.TypeFilter;

@UriEndpoint(firstVersion = "0.1", scheme = EventsComponent.SCHEME, title = "Vafa events", syntax = "vafa-events:types",
        category = Category.MESSAGING)
public class EventsEndpoint extends DefaultEndpoint {
    private final String types;
    private String subscription;
    private String startFrom = "now";
    private String source = "routes";

    EventsEndpoint(String uri, EventsComponent component, String types) {
        super(uri, component);
        this.types = types;
    }

    @Override
    public EventsComponent getComponent() {
        return (EventsComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        if (types.contains("*") || types.contains(",")) {
            throw new IllegalArgumentException("To publish, name one event type (no '*' or ','): " + types);
        }
        TypeFilter.parse(types);
        return new EventsProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (subscription == null || !subscription.matches("[A-Za-z0-9._-]{1,200}")) {
            throw new IllegalArgumentException("vafa-events consumer needs a durable subscription name:"
                    + " vafa-events:" + types + "?subscription=my-subscription (letters, digits, '.', '-', '_')");
        }
        if (!startFrom.equals("now") && !startFrom.equals("beginning")) {
            throw new IllegalArgumentException("startFrom must be 'now' or 'beginning', not '" + startFrom + "'");
        }
        EventsConsumer consumer = new EventsConsumer(this, processor, TypeFilter.parse(types));
        configureConsumer(consumer);
        return consumer;
    }

    public String getTypes() {
        return types;
    }

    public String getSubscription() {
        return subscription;
    }

    /** The durable subscription's name: its position survives restarts and route swaps. */
    public void setSubscription(String subscription) {
        this.subscription = subscription;
    }

    public String getStartFrom() {
        return startFrom;
    }

    /** Where a new subscription starts: {@code now} (default) or {@code beginning} of the log. */
    public void setStartFrom(String startFrom) {
        this.startFrom = startFrom;
    }

    public String getSource() {
        return source;
    }

    /** CloudEvents source of published events (default {@code routes}). */
    public void setSource(String source) {
        this.source = source;
    }
}
