package org.vafa.core.camel.events;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.vafa.core.events.VafaEventLog;

/**
 * {@code vafa-events}: routes consume events through durable subscriptions and publish events.
 * <ul>
 *   <li>{@code from: vafa-events:club.member.*?subscription=welcome-sms} delivers every matching event
 *   once the transaction that recorded it has committed, in log order, resuming where the
 *   subscription stopped (also after a restart, a crash or a swapped route).</li>
 *   <li>{@code to: vafa-events:crm.task.created} publishes the body as the event's data, with the
 *   subject taken from the {@code ce-subject} header.</li>
 * </ul>
 */
public class EventsComponent extends DefaultComponent {
    public static final String SCHEME = "vafa-events";

    private final VafaEventLog eventLog;
    private final SubscriptionRegistry subscriptions = new SubscriptionRegistry();

    public EventsComponent(VafaEventLog eventLog) {
        this.eventLog = eventLog;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        EventsEndpoint endpoint = new EventsEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    VafaEventLog eventLog() {
        return eventLog;
    }

    SubscriptionRegistry subscriptions() {
        return subscriptions;
    }
}
