package org.vafa.core.camel;

import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Route;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.spi.RoutePolicyFactory;
import org.apache.camel.support.RoutePolicySupport;
import org.vafa.api.cluster.ClusterSingletons;

/**
 * Timer routes (daily jobs, recoveries, polls) run on one node of a cluster at a time: every node's timer fires, and
 * only the node holding the route's lease ({@code route:<route id>}, see {@link ClusterSingletons}) goes on with the
 * exchange; the others drop it before its first step. When the holder dies, the next node whose timer fires after the
 * lease lapsed takes the route over. On a single node the lease is always this node's.
 */
public final class SingletonTimers implements RoutePolicyFactory {
    /** The consumers that fire by the clock on every node. */
    private static final Set<String> CLOCKS = Set.of("timer", "quartz", "scheduler", "cron");

    private final ClusterSingletons cluster;

    public SingletonTimers(ClusterSingletons cluster) {
        this.cluster = cluster;
    }

    @Override
    public RoutePolicy createRoutePolicy(CamelContext camelContext, String routeId, NamedNode route) {
        String uri = route instanceof RouteDefinition definition && definition.getInput() != null
                ? definition.getInput().getEndpointUri() : null;
        if (uri == null || uri.indexOf(':') < 0 || !CLOCKS.contains(uri.substring(0, uri.indexOf(':')))) {
            return null;
        }
        String singleton = "route:" + routeId;
        return new RoutePolicySupport() {
            @Override
            public void onExchangeBegin(Route r, Exchange exchange) {
                if (!cluster.leads(singleton)) {
                    exchange.setRouteStop(true); // another node runs this route now
                }
            }
        };
    }
}
