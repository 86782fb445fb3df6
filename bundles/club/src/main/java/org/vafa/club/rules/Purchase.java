package org.vafa.club.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.vafa.api.rest.Problem;
import org.vafa.club.Money;

/**
 * What was bought, where and when (the local date of the branch), in the rule set's currency, and how it was paid
 * (empty: not known, e.g. a quote before payment).
 */
public record Purchase(List<Line> lines, String currency, String branch, LocalDate date, List<Payment> payments) {

    public Purchase(List<Line> lines, String currency, String branch, LocalDate date) {
        this(lines, currency, branch, date, List.of());
    }

    /** Part of what was paid, by one method ({@code cash}, {@code card}, a store card's name, {@code stored-value}). */
    public record Payment(String method, BigDecimal amount) {
    }

    public record Line(String sku, String category, BigDecimal quantity, BigDecimal unitPrice) {
        private static final BigDecimal MAX_QUANTITY = BigDecimal.valueOf(1_000_000);

        public BigDecimal total() {
            return quantity.multiply(unitPrice);
        }

        /** What a basket line must be (the fields named from {@code at}, e.g. {@code lines[0]}). */
        public static void check(String sku, BigDecimal quantity, BigDecimal unitPrice, String at) {
            if (sku == null || sku.isBlank() || sku.length() > 100) {
                throw Problem.invalidField(at + ".sku", "sku is required, 1 to 100 characters");
            }
            if (quantity == null || quantity.signum() <= 0 || quantity.compareTo(MAX_QUANTITY) > 0) {
                throw Problem.invalidField(at + ".quantity", "quantity is more than 0 and at most 1000000");
            }
            Money.zeroOrMore(unitPrice, at + ".unitPrice");
        }
    }
}
