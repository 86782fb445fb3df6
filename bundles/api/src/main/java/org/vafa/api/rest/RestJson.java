package org.vafa.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;

/** Reading a REST request's JSON body and answering JSON, for the plugins' REST routes. */
public final class RestJson {
    /**
     * The one mapper for what clients send and what they get back. Reading is strict: data after the
     * document, a key given twice, and numbers are exact ({@code 1e400} is a number too large for any field,
     * never an overflow or infinity). Writing gives dates as ISO-8601 text and money as plain decimals
     * ({@code 10500000}, never {@code 1.05E+7}).
     */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .registerModule(plainDecimals())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private RestJson() {
    }

    /**
     * Decimals (money) in one form everywhere: plain and without trailing zeros ({@code 2350000}, {@code 0.5}),
     * whatever scale the database or a computation gave them. For every mapper that writes what clients read
     * (answers, and events through the admin API).
     */
    public static com.fasterxml.jackson.databind.Module plainDecimals() {
        return new com.fasterxml.jackson.databind.module.SimpleModule("vafa-plain-decimals")
                .addSerializer(java.math.BigDecimal.class, new com.fasterxml.jackson.databind.ser.std.StdSerializer<>(java.math.BigDecimal.class) {
                    @Override
                    public void serialize(java.math.BigDecimal value, com.fasterxml.jackson.core.JsonGenerator gen,
                                          com.fasterxml.jackson.databind.SerializerProvider provider) throws java.io.IOException {
                        gen.writeNumber(value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString());
                    }
                });
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

    /** Answers the JSON (written by {@link #MAPPER}: plain decimals, ISO dates). */
    public static void answer(Exchange e, int status, JsonNode json) {
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        try {
            e.getMessage().setBody(MAPPER.writeValueAsString(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException failed) {
            throw new IllegalStateException(failed);
        }
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
