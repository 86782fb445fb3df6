package org.vafa.core.personal;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.vafa.api.crypto.Sha256;
import org.vafa.api.db.Sql;
import org.vafa.api.input.Digits;
import org.vafa.api.personal.Person;
import org.vafa.api.personal.Redaction;
import org.vafa.core.events.Json;

/**
 * The platform's part of an erasure: the member's data taken out of the event log and the remembered answers to
 * Idempotency-Key requests, in place.
 * <p>
 * Events are otherwise never changed, but a log that a subscription may replay from the beginning must not give
 * an erased person's name or number back. Of the two known answers — redacting in place, or encrypting personal
 * fields per member and destroying the key ("crypto-shredding") — Vafa redacts in place: the log stays plain JSON
 * that routes read as they are, and no key store has to outlive backups. The events about the member (subject), or
 * whose data or subject mention the member's id, mobiles or addresses, are redacted with {@link Redaction}; a
 * subject that is a mobile (incoming texts) becomes a hash of it, so that the order per subject still holds.
 * Event ids, types, times and amounts stay.
 */
final class PlatformRedaction {
    private PlatformRedaction() {
    }

    /** @return how many events were changed */
    static int events(Connection tx, Person person) throws SQLException {
        Redaction redaction = new Redaction(person);
        List<String> patterns = patterns(person);
        StringBuilder where = new StringBuilder("subject = ?");
        List<Object> params = new ArrayList<>(List.of(person.memberId()));
        for (String pattern : patterns) {
            where.append(" OR LOWER(data_json) LIKE ? ESCAPE '\\' OR subject LIKE ? ESCAPE '\\'");
            params.add(pattern);
            params.add(pattern);
        }
        int changed = 0;
        for (Object[] row : Sql.list(tx, "SELECT recorded, subject, data_json FROM vafa_event WHERE " + where,
                rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)}, params.toArray())) {
            String subject = (String) row[1];
            JsonNode data = Json.readTree((String) row[2]);
            boolean dataChanged = redaction.redact(data);
            boolean subjectChanged = redaction.mentions(subject);
            if (dataChanged || subjectChanged) {
                Sql.update(tx, "UPDATE vafa_event SET subject = ?, data_json = ? WHERE recorded = ?",
                        subjectChanged ? "erased:" + Sha256.hex(subject).substring(0, 16) : subject, Json.write(data), row[0]);
                changed++;
            }
        }
        return changed;
    }

    /** Remembered answers (kept a day for retries) that show the member: their personal fields go. */
    static int rememberedAnswers(Connection tx, Person person) throws SQLException {
        Redaction redaction = new Redaction(person);
        List<String> patterns = patterns(person);
        String where = String.join(" OR ", patterns.stream().map(p -> "LOWER(body) LIKE ? ESCAPE '\\'").toList());
        int changed = 0;
        for (Object[] row : Sql.list(tx, "SELECT api_key, idem_key, body FROM vafa_idempotent_request WHERE " + where,
                rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3)}, patterns.toArray())) {
            String body;
            try {
                JsonNode json = Json.readTree((String) row[2]);
                redaction.redact(json);
                body = Json.write(json);
            } catch (IllegalArgumentException notJson) {
                body = null;
            }
            Sql.update(tx, "UPDATE vafa_idempotent_request SET body = ? WHERE api_key = ? AND idem_key = ?", body, row[0], row[1]);
            changed++;
        }
        return changed;
    }

    /** LIKE patterns for the member's id, each mobile's national number and each address (lower case). */
    private static List<String> patterns(Person person) {
        List<String> patterns = new ArrayList<>();
        patterns.add(like(person.memberId().toLowerCase(Locale.ROOT)));
        for (String mobile : person.mobiles()) {
            String digits = Digits.toAscii(mobile).replaceAll("\\D", "");
            patterns.add(like(digits.length() > 10 ? digits.substring(digits.length() - 10) : digits));
        }
        person.emails().forEach(e -> patterns.add(like(e.toLowerCase(Locale.ROOT))));
        return patterns;
    }

    private static String like(String text) {
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
