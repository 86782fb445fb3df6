package org.vafa.club.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.vafa.api.rest.Problem;
import org.vafa.club.Money;
import org.vafa.club.members.ClubDates;
import org.vafa.club.rules.MemberFacts;
import org.vafa.club.rules.Purchase;

/**
 * Reads a purchase ({@code currency, branch, date?, lines[{sku, category, quantity, unitPrice}], payments?[{method,
 * amount}]}) naming bad fields.
 */
final class PurchaseJson {
    /** The most lines a purchase may have: a register\'s basket holds at most as many. */
    static final int MAX_LINES = 500;

    private PurchaseJson() {
    }

    static Purchase read(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw Problem.invalidField(path, "'" + path + "' must be an object with currency, branch, lines");
        }
        String currency = text(node, "currency", path);
        String branch = node.hasNonNull("branch") ? text(node, "branch", path) : null;
        LocalDate date = node.hasNonNull("date") ? date(text(node, "date", path), path + ".date") : LocalDate.now();
        JsonNode lines = node.get("lines");
        if (lines == null || !lines.isArray() || lines.isEmpty()) {
            throw Problem.invalidField(path + ".lines", "at least one line is required");
        }
        if (lines.size() > MAX_LINES) { // as a register's basket
            throw Problem.invalidField(path + ".lines", "a purchase has at most " + MAX_LINES + " lines");
        }
        List<Purchase.Line> parsed = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String at = path + ".lines[" + i + "]";
            JsonNode l = lines.get(i);
            if (!l.isObject()) {
                throw Problem.invalidField(at, "a line is an object with sku, category, quantity, unitPrice");
            }
            BigDecimal quantity = number(l, "quantity", at);
            BigDecimal price = number(l, "unitPrice", at);
            String sku = text(l, "sku", at);
            Purchase.Line.check(sku, quantity, price, at);
            parsed.add(new Purchase.Line(sku, l.hasNonNull("category") ? text(l, "category", at) : "", quantity, price));
        }
        List<Purchase.Payment> payments = new ArrayList<>();
        JsonNode paid = node.get("payments");
        if (paid != null && !paid.isNull()) {
            if (!paid.isArray() || paid.size() > 20) {
                throw Problem.invalidField(path + ".payments", "payments lists at most 20 [{method, amount}]");
            }
            for (int i = 0; i < paid.size(); i++) {
                String at = path + ".payments[" + i + "]";
                JsonNode p = paid.get(i);
                if (!p.isObject()) {
                    throw Problem.invalidField(at, "a payment is an object with method and amount");
                }
                String method = text(p, "method", at);
                if (method.length() > 40) {
                    throw Problem.invalidField(at + ".method", "method is at most 40 characters");
                }
                BigDecimal amount = number(p, "amount", at);
                Money.zeroOrMore(amount, at + ".amount");
                payments.add(new Purchase.Payment(method, amount));
            }
        }
        return new Purchase(parsed, currency, branch, date, payments);
    }

    /** {@code tier, birthDate, anniversary}, all optional. */
    static MemberFacts facts(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return MemberFacts.ANONYMOUS;
        }
        if (!node.isObject()) {
            throw Problem.invalidField(path, "'" + path + "' must be an object with tier, birthDate, anniversary");
        }
        return new MemberFacts(node.hasNonNull("tier") ? text(node, "tier", path) : null,
                node.hasNonNull("birthDate") ? date(text(node, "birthDate", path), path + ".birthDate") : null,
                node.hasNonNull("anniversary") ? date(text(node, "anniversary", path), path + ".anniversary") : null);
    }

    private static String text(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank() || v.asText().length() > 200) {
            throw Problem.invalidField(path + "." + field, "'" + field + "' must be text of 1 to 200 characters");
        }
        return v.asText();
    }

    private static BigDecimal number(JsonNode node, String field, String path) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw Problem.invalidField(path + "." + field, "'" + field + "' must be a number");
        }
        return v.decimalValue();
    }

    private static LocalDate date(String text, String path) {
        try {
            return ClubDates.parse(text);
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField(path, e.getMessage());
        }
    }
}
