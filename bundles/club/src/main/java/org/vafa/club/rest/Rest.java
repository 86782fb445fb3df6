package org.vafa.club.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.apache.camel.Exchange;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.RestHeaders;
import org.vafa.club.members.MemberJson;

/** What the club's REST routes share: reading the request, answering JSON. */
final class Rest {
    static final String JSON = "application/json";

    private Rest() {
    }

    static JsonNode jsonBody(Exchange e) throws Exception {
        return org.vafa.api.rest.RestJson.jsonBody(e);
    }

    static JsonNode fields(JsonNode body, String... allowed) {
        if (!body.isObject()) {
            throw Problem.badRequest("The body must be a JSON object");
        }
        List<String> known = List.of(allowed);
        body.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                throw Problem.invalidField(f, "Unknown field '" + f + "'; allowed: " + known);
            }
        });
        return body;
    }

    static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw Problem.invalidField(field, "'" + field + "' must be text");
        }
        return node.asText();
    }

    static long longField(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.canConvertToExactIntegral() || !node.canConvertToLong()) {
            throw Problem.invalidField(field, "'" + field + "' must be a whole number");
        }
        return node.longValue();
    }

    static Instant instant(JsonNode body, String field) {
        String text = text(body, field);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ex) {
            throw Problem.invalidField(field, "'" + field + "' is a date-time with offset, e.g. 2026-12-01T00:00:00+03:30");
        }
    }

    static String id(Exchange e) {
        return e.getMessage().getHeader("id", String.class);
    }

    static int limit(String text, int fallback, int max) {
        return number("limit", text, fallback, 1, max);
    }

    static int number(String name, String text, int fallback, int min, int max) {
        return org.vafa.api.rest.RestJson.number(name, text, fallback, min, max);
    }

    static JsonNode tree(Object value) {
        return MemberJson.MAPPER.valueToTree(value);
    }

    static void answer(Exchange e, int status, JsonNode json) {
        org.vafa.api.rest.RestJson.answer(e, status, json);
    }

    /** The name of the API key (or user) making the request, for the records. */
    static String caller(Exchange e) {
        return e.getMessage().getHeader(RestHeaders.API_KEY_NAME, String.class);
    }

    static String query(Exchange e, String name) {
        return e.getMessage().getHeader(name, String.class);
    }
}
