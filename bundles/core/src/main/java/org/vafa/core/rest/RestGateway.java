package org.vafa.core.rest;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.http.common.HttpCommonEndpoint;
import org.apache.camel.spi.RestApiConsumerFactory;
import org.apache.camel.spi.RestConfiguration;
import org.apache.camel.spi.RestConsumerFactory;
import org.apache.camel.support.DefaultComponent;

/**
 * The REST DSL's HTTP component ({@code restConfiguration.component = vafa-rest}): serves every REST
 * resource through camel-jetty, with {@link RestGuard} in front of each, so that authentication,
 * scopes, body limits, idempotency and problem+json errors hold for every plugin's API alike.
 */
public class RestGateway extends DefaultComponent implements RestConsumerFactory, RestApiConsumerFactory {
    public static final String SCHEME = "vafa-rest";
    private static final String BODY_LIMIT = "vafaBodyLimit";

    private final ApiKeys apiKeys;
    private final IdempotentRequests idempotentRequests;
    private final int maxBodyBytes;
    private final RateLimits rateLimits;
    private final org.vafa.core.members.MemberSignIn members;
    private final org.vafa.core.operators.OperatorSignIn operators;
    private final ScopeGrants grants;

    private final RequestObserver observer;

    public RestGateway(ApiKeys apiKeys, IdempotentRequests idempotentRequests, int maxBodyBytes, RateLimits rateLimits,
                       org.vafa.core.members.MemberSignIn members, org.vafa.core.operators.OperatorSignIn operators, ScopeGrants grants,
                       RequestObserver observer) {
        this.observer = observer;
        this.members = members;
        this.operators = operators;
        this.grants = grants;
        this.apiKeys = apiKeys;
        this.idempotentRequests = idempotentRequests;
        this.maxBodyBytes = maxBodyBytes;
        this.rateLimits = rateLimits;
    }

    @Override
    public Consumer createConsumer(CamelContext camelContext, Processor processor, String verb, String basePath,
                                   String uriTemplate, String consumes, String produces, RestConfiguration configuration,
                                   Map<String, Object> parameters) throws Exception {
        Consumer consumer = jetty(camelContext).createConsumer(camelContext, guard(processor), verb, basePath, uriTemplate,
                consumes, produces, configuration, withBodyLimit(parameters));
        // Bodies reach RestGuard untouched whatever Content-Type a client sends: parsing a form body
        // that is not one would fail inside Jetty with a 500. (Jetty's REST consumer installs its own
        // binding, so the endpoint option does not reach it; set it on the binding.)
        if (consumer.getEndpoint() instanceof HttpCommonEndpoint http) {
            http.getHttpBinding().setMapHttpMessageFormUrlEncodedBody(false);
        }
        return consumer;
    }

    @Override
    public Consumer createApiConsumer(CamelContext camelContext, Processor processor, String contextPath,
                                      RestConfiguration configuration, Map<String, Object> parameters) throws Exception {
        return ((RestApiConsumerFactory) jetty(camelContext)).createApiConsumer(camelContext, guard(processor), contextPath,
                configuration, withBodyLimit(parameters));
    }

    /**
     * The web server under the REST DSL: Jetty refuses a body over {@code maxBodyBytes} while it reads it
     * (with or without Content-Length), its own errors are problems, and with {@code tls} it serves HTTPS.
     */
    public static void configureJetty(CamelContext camel, RestConfiguration rest, int maxBodyBytes,
                                      org.apache.camel.support.jsse.SSLContextParameters tls) {
        org.apache.camel.component.jetty.JettyHttpComponent jetty =
                camel.getComponent("jetty", org.apache.camel.component.jetty.JettyHttpComponent.class);
        jetty.setErrorHandler(new ProblemErrorHandler());
        jetty.setSendServerVersion(false);
        camel.getRegistry().bind(BODY_LIMIT, new org.eclipse.jetty.server.handler.SizeLimitHandler(maxBodyBytes, -1));
        if (tls != null) {
            jetty.setSslContextParameters(tls);
            rest.setScheme("https");
        }
    }

    /**
     * Every REST endpoint names the one body-limit handler (Jetty puts it in front of everything once) and
     * hands the body on as the request's stream, unread: RestGuard reads it, and Jetty stops that read at
     * the limit (Camel's stream cache would otherwise read all of it first).
     */
    private static Map<String, Object> withBodyLimit(Map<String, Object> parameters) {
        Map<String, Object> all = parameters == null ? new java.util.HashMap<>() : new java.util.HashMap<>(parameters);
        all.put("handlers", "#" + BODY_LIMIT);
        all.put("disableStreamCache", "true");
        return all;
    }

    private RestGuard guard(Processor processor) {
        return new RestGuard(processor, apiKeys, idempotentRequests, maxBodyBytes, rateLimits, members, operators, grants, observer);
    }

    private static RestConsumerFactory jetty(CamelContext camelContext) {
        return (RestConsumerFactory) camelContext.getComponent("jetty");
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        throw new UnsupportedOperationException("vafa-rest serves the REST DSL only; declare resources with rest:");
    }
}
