package org.vafa.core.camel.events;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.NoSuchBeanException;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.util.ObjectHelper;
import org.vafa.api.events.CloudEvent;
import org.vafa.api.events.EventHeaders;
import org.vafa.core.events.EventTransport;
import org.vafa.core.events.Json;
import org.vafa.core.events.TypeFilter;

/**
 * The route end of a durable subscription: the event transport delivers the subscription's events here, one at a
 * time, and each goes through the route as an exchange (the event's data as the body, its attributes as headers).
 * A bean the route calls that is missing (its bundle is stopped or being replaced) is reported as a missing part,
 * so the transport waits for it instead of using up attempts.
 */
final class EventsConsumer extends DefaultConsumer implements EventTransport.Receiver {
    private final EventsEndpoint endpoint;
    private final TypeFilter types;
    private EventTransport.Delivery delivery;
    private String routeId;

    EventsConsumer(EventsEndpoint endpoint, Processor processor, TypeFilter types) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.types = types;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        routeId = getRouteId();
        endpoint.getComponent().subscriptions().claim(endpoint.getSubscription(), routeId);
        try {
            delivery = endpoint.getComponent().eventLog().transport().open(endpoint.getSubscription(), types,
                    "beginning".equals(endpoint.getStartFrom()), this);
        } catch (RuntimeException e) {
            endpoint.getComponent().subscriptions().release(endpoint.getSubscription(), routeId);
            throw e;
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (delivery != null) {
            delivery.close();
            delivery = null;
        }
        endpoint.getComponent().subscriptions().release(endpoint.getSubscription(), routeId);
        super.doStop();
    }

    @Override
    public Exception deliver(CloudEvent event) {
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

    @Override
    public String missingPart(Exception failure) {
        NoSuchBeanException missing = ObjectHelper.getException(NoSuchBeanException.class, failure);
        return missing == null ? null : String.valueOf(missing.getName());
    }

    @Override
    public boolean present(String bean) {
        return getEndpoint().getCamelContext().getRegistry().lookupByName(bean) != null;
    }
}
