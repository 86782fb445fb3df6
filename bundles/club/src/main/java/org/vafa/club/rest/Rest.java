package org.vafa.club.rest;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
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
