package org.vafa.club.rules;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** What was bought, where and when (the local date of the branch), in the rule set's currency. */
public record Purchase(List<Line> lines, String currency, String branch, LocalDate date) {

    public record Line(String sku, String category, BigDecimal quantity, BigDecimal unitPrice) {
        public BigDecimal total() {
            return quantity.multiply(unitPrice);
        }
    }
}
