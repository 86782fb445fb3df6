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

    private final ApiKeys apiKeys;
    private final IdempotentRequests idempotentRequests;
    private final int maxBodyBytes;

    public RestGateway(ApiKeys apiKeys, IdempotentRequests idempotentRequests, int maxBodyBytes) {
        this.apiKeys = apiKeys;
        this.idempotentRequests = idempotentRequests;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public Consumer createConsumer(CamelContext camelContext, Processor processor, String verb, String basePath,
                                   String uriTemplate, String consumes, String produces, RestConfiguration configuration,
                                   Map<String, Object> parameters) throws Exception {
        Consumer consumer = jetty(camelContext).createConsumer(camelContext, guard(processor), verb, basePath, uriTemplate,
                consumes, produces, configuration, parameters);
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
                configuration, parameters);
    }

    private RestGuard guard(Processor processor) {
        return new RestGuard(processor, apiKeys, idempotentRequests, maxBodyBytes);
    }

    private static RestConsumerFactory jetty(CamelContext camelContext) {
        return (RestConsumerFactory) camelContext.getComponent("jetty");
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        throw new UnsupportedOperationException("vafa-rest serves the REST DSL only; declare resources with rest:");
    }
}
