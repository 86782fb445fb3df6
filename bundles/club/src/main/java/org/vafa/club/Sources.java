package org.vafa.club;

import org.vafa.api.rest.Problem;

/**
 * The keys that make the club's writes idempotent: every earn, spend, use or refund names its
 * source (the sale, order, payment or refund), and a source counts once.
 */
public final class Sources {
    private Sources() {
    }

    public static String require(String source, String field) {
        if (source == null || source.isBlank() || source.length() > 200) {
            throw Problem.invalidField(field, field + " (the sale, order, payment or refund it belongs to, e.g."
                    + " pos:sale:<branch>:<till>:<receipt>) is required, 1 to 200 characters");
        }
        return source;
    }
}
