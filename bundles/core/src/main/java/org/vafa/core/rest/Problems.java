package org.vafa.core.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.rest.Problem;
import org.vafa.core.events.Json;

/** Turns what a REST route threw into an RFC 9457 problem+json answer. */
public final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    public static final String CONTENT_TYPE = "application/problem+json";

    private Problems() {
    }

    /** The problem for a failure: client mistakes are 4xx; anything else is a logged 500 with an error id. */
    public static Problem of(Throwable failure) {
        Problem problem = ObjectHelper.getException(Problem.class, failure);
        if (problem != null) {
            return problem;
        }
        JsonProcessingException json = ObjectHelper.getException(JsonProcessingException.class, failure);
        // a type Jackson cannot handle is the server's bug (e.g. writing a response), not the client's input
        if (json != null && !(json instanceof com.fasterxml.jackson.databind.exc.InvalidDefinitionException)) {
            String field = json instanceof JsonMappingException mapping ? fieldPath(mapping) : null;
            return new Problem(400, "Malformed JSON", json.getOriginalMessage(), field);
        }
        if (ObjectHelper.getException(org.apache.camel.component.direct.DirectConsumerNotAvailableException.class, failure) != null) {
            return new Problem(503, "Service unavailable",
                    "This resource is being replaced or its plugin was stopped; retry in a moment", null);
        }
        String errorId = UUID.randomUUID().toString();
        LOG.error("REST request failed, error id {}", errorId, failure);
        return new Problem(500, "Internal error", "The server failed on this request (error id " + errorId
                + "). Whether it took effect is not known: retry it with the same Idempotency-Key, or look before repeating it.", null);
    }

    static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? null : path.toString();
    }

    public static String json(Problem p, String instance) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("type", "about:blank");
        node.put("title", p.title());
        node.put("status", p.status());
        if (p.detail() != null) {
            node.put("detail", p.detail());
        }
        if (instance != null) {
            node.put("instance", instance);
        }
        if (p.field() != null) {
            node.put("field", p.field());
            node.putArray("errors").addObject().put("field", p.field()).put("detail", p.detail());
        }
        return node.toString();
    }

    /** Replaces the exchange's outcome with the problem answer. */
    public static void answer(Exchange exchange, Problem p) {
        exchange.setException(null);
        exchange.setRouteStop(false);
        Message out = exchange.getMessage();
        String instance = out.getHeader(Exchange.HTTP_URI, String.class);
        out.removeHeaders("*", Exchange.HTTP_URI);
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, p.status());
        out.setHeader(Exchange.CONTENT_TYPE, CONTENT_TYPE);
        if (p instanceof RateLimits.TooManyRequests limited) {
            out.setHeader("Retry-After", String.valueOf(limited.retryAfterSeconds()));
        }
        if (p.status() == 401) {
            out.setHeader("WWW-Authenticate", "Bearer realm=\"vafa\"");
        }
        out.setBody(json(p, instance));
    }
}
