package org.vafa.api.personal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vafa.api.input.Digits;

/**
 * Takes a person's data out of a JSON document kept about them (an event's data, a sale's request or answer):
 * the fields that hold personal data by their name become null, and any other text that contains one of the
 * person's mobiles (in any usual form) or e-mail addresses becomes {@value #ERASED}. Amounts, counts, ids and
 * times stay, so the books still add up.
 */
public final class Redaction {
    public static final String ERASED = "[erased]";
    /** Field names that hold personal data wherever they appear (message texts and free text included). */
    public static final Set<String> PERSONAL_FIELDS = Set.of("firstName", "lastName", "fullName", "mobile", "phone", "email",
            "birthDate", "anniversary", "city", "address", "body", "text", "card", "cardNumber", "cards", "note", "comment");

    private final List<String> needles = new ArrayList<>();

    public Redaction(Person person) {
        for (String mobile : person.mobiles()) {
            String digits = Digits.toAscii(mobile).replaceAll("\\D", "");
            // the national significant number: +989121234567, 09121234567 and ۰۹۱۲۱۲۳۴۵۶۷ all contain 9121234567
            needles.add(digits.length() > 10 ? digits.substring(digits.length() - 10) : digits);
        }
        person.emails().forEach(e -> needles.add(e.toLowerCase(Locale.ROOT)));
    }

    /** @return whether anything was taken out */
    public boolean redact(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode value = field.getValue();
                if (PERSONAL_FIELDS.contains(field.getKey()) && !value.isNull()) {
                    field.setValue(com.fasterxml.jackson.databind.node.NullNode.getInstance());
                    changed = true;
                } else if (value.isTextual() && mentions(value.asText())) {
                    field.setValue(TextNode.valueOf(ERASED));
                    changed = true;
                } else if (value.isContainerNode()) {
                    changed |= redact(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isTextual() && mentions(value.asText())) {
                    array.set(i, TextNode.valueOf(ERASED));
                    changed = true;
                } else if (value.isContainerNode()) {
                    changed |= redact(value);
                }
            }
        }
        return changed;
    }

    /** Whether the text holds one of the person's mobiles or addresses. */
    public boolean mentions(String text) {
        if (text == null || needles.isEmpty()) {
            return false;
        }
        String lower = Digits.toAscii(text).toLowerCase(Locale.ROOT);
        String digitsOnly = lower.replaceAll("[\\s-]", "");
        for (String needle : needles) {
            if (lower.contains(needle) || digitsOnly.contains(needle)) {
                return true;
            }
        }
        return false;
    }
}
