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
    /** Before each field name in problems: "" for the body, "consents." for a nested object. */
    private final String path;

    public Fields(JsonNode body, Set<String> allowed) {
        this(body, allowed, "");
    }

    private Fields(JsonNode body, Set<String> allowed, String path) {
        if (body == null || !body.isObject()) {
            throw path.isEmpty() ? Problem.badRequest("The body must be a JSON object")
                    : Problem.invalidField(path.substring(0, path.length() - 1), path.substring(0, path.length() - 1) + " is an object");
        }
        body.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) {
                throw Problem.invalidField(path + f, "Unknown field '" + path + f + "'; allowed: " + new java.util.TreeSet<>(allowed));
            }
        });
        this.body = body;
        this.path = path;
    }

    /** A nested object's fields (problems name them {@code field.inner}), or null when it is absent. */
    public Fields object(String field, Set<String> allowed) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : new Fields(v, allowed, path + field + ".");
    }

    /** A list of objects, each read with its own fields (problems name them {@code field[i].inner}); empty when absent. */
    public List<Fields> objects(String field, Set<String> allowed, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray() || v.size() > max) {
            throw Problem.invalidField(path + field, path + field + " is a list of at most " + max + " objects");
        }
        List<Fields> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(new Fields(v.get(i), allowed, path + field + "[" + i + "]."));
        }
        return out;
    }

    /** Which fields the request gives (for partial changes: only these change). */
    public Set<String> given() {
        Set<String> out = new java.util.LinkedHashSet<>();
        body.fieldNames().forEachRemaining(out::add);
        return out;
    }

    public String text(String field, boolean required, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw Problem.invalidField(path + field, path + field + " is required");
            }
            return null;
        }
        if (!v.isTextual() || !visible(v.asText()) || v.asText().length() > max) {
            throw Problem.invalidField(path + field, path + field + " is text of 1 to " + max + " characters");
        }
        return v.asText().trim();
    }

    public BigDecimal decimal(String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw Problem.invalidField(path + field, path + field + " is required");
            }
            return null;
        }
        if (!v.isNumber()) {
            throw Problem.invalidField(path + field, path + field + " must be a number");
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
            throw Problem.invalidField(path + field, path + field + " is a date-time with offset, e.g. 2026-12-01T00:00:00+03:30");
        }
    }

    public List<String> strings(String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw Problem.invalidField(path + field, path + field + " is a list");
        }
        List<String> out = new ArrayList<>();
        v.forEach(item -> {
            if (!item.isTextual()) {
                throw Problem.invalidField(path + field, path + field + " lists text values");
            }
            out.add(item.asText());
        });
        return out;
    }

    /** A whole number that must be given (its range is the service's to check). */
    public long whole(String field) {
        if (!has(field)) {
            throw Problem.invalidField(path + field, path + field + " is required");
        }
        return whole(field, Long.MIN_VALUE, Long.MAX_VALUE, 0);
    }

    /** A whole number from min to max, or {@code fallback} when absent. */
    public long whole(String field, long min, long max, long fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber() || !v.canConvertToExactIntegral() || v.decimalValue().compareTo(BigDecimal.valueOf(min)) < 0
                || v.decimalValue().compareTo(BigDecimal.valueOf(max)) > 0) {
            throw Problem.invalidField(path + field, path + field + " is a whole number from " + min + " to " + max);
        }
        return v.decimalValue().longValueExact();
    }

    public boolean flag(String field, boolean fallback) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            throw Problem.invalidField(path + field, path + field + " is true or false");
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
