package org.vafa.core.camel.events;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;
import org.vafa.api.events.CloudEvent;
import org.vafa.api.events.EventHeaders;

/** Publishes the message body as an event (in a transaction of its own). */
final class EventsProducer extends DefaultProducer {
    EventsProducer(EventsEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public EventsEndpoint getEndpoint() {
        return (EventsEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        EventsEndpoint endpoint = getEndpoint();
        CloudEvent event = endpoint.getComponent().eventLog().publish(endpoint.getSource(), endpoint.getTypes(),
                in.getHeader(EventHeaders.SUBJECT, String.class), in.getBody());
        in.setHeader(EventHeaders.ID, event.id());
    }
}
