package org.vafa.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

/** Reading a REST request's JSON body and answering JSON, for the plugins' REST routes. */
public final class RestJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RestJson() {
    }

    /** The request's JSON body; an empty or malformed one is a 400 problem. */
    public static JsonNode jsonBody(Exchange e) throws Exception {
        String text = e.getMessage().getBody(String.class);
        if (text == null || text.isBlank()) {
            throw Problem.badRequest("A JSON body is required");
        }
        return parse(text);
    }

    /** JSON from a client: malformed text is a 400 problem (the client's mistake, not a failure to log). */
    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new Problem(400, "Malformed JSON", e.getOriginalMessage(), null);
        }
    }

    public static void answer(Exchange e, int status, JsonNode json) {
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        e.getMessage().setBody(json.toString());
    }

    /** A whole-number query parameter from min to max, {@code fallback} when absent; else a 400 naming it. */
    public static int number(String name, String text, int fallback, int min, int max) {
        if (text == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw Problem.invalidField(name, name + " is a whole number from " + min + " to " + max);
    }
}
