package org.vafa.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.vafa.api.rest.Problem;

/** Reads a request's fields, each mistake a problem naming the field. */
public final class Fields {
    private final JsonNode body;

    public Fields(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw Problem.badRequest("The body must be a JSON object");
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw Problem.invalidField(f, "Unknown field '" + f + "'; allowed: " + new java.util.TreeSet<>(allowed));
            }
        });
        this.body = body;
    }

    public String text(String field, boolean required, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw Problem.invalidField(field, field + " is required");
            }
            return null;
        }
        if (!v.isTextual() || !visible(v.asText()) || v.asText().length() > max) {
            throw Problem.invalidField(field, field + " is text of 1 to " + max + " characters");
        }
        return v.asText().trim();
    }

    public BigDecimal decimal(String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw Problem.invalidField(field, field + " is required");
            }
            return null;
        }
        if (!v.isNumber()) {
            throw Problem.invalidField(field, field + " must be a number");
        }
        return v.decimalValue();
    }

    public Instant instant(String field) {
        String text = text(field, false, 40);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw Problem.invalidField(field, field + " is a date-time with offset, e.g. 2026-12-01T00:00:00+03:30");
        }
    }

    public List<String> strings(String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw Problem.invalidField(field, field + " is a list");
        }
        List<String> out = new ArrayList<>();
        v.forEach(item -> {
            if (!item.isTextual()) {
                throw Problem.invalidField(field, field + " lists text values");
            }
            out.add(item.asText());
        });
        return out;
    }

    /** A whole number from min to max, or {@code fallback} when absent. */
    public long whole(String field, long min, long max, long fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber() || !v.canConvertToExactIntegral() || v.decimalValue().compareTo(BigDecimal.valueOf(min)) < 0
                || v.decimalValue().compareTo(BigDecimal.valueOf(max)) > 0) {
            throw Problem.invalidField(field, field + " is a whole number from " + min + " to " + max);
        }
        return v.decimalValue().longValueExact();
    }

    public boolean flag(String field, boolean fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw Problem.invalidField(field, field + " is true or false");
        }
        return v.asBoolean();
    }

    /**
     * Whether the text has anything a reader can see: not only spaces, control characters or invisible
     * format characters (zero-width joiners, direction marks).
     */
    public static boolean visible(String text) {
        return text.codePoints().anyMatch(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c)
                && Character.getType(c) != Character.FORMAT && !Character.isISOControl(c));
    }

    public boolean has(String field) {
        return body.hasNonNull(field);
    }
}
