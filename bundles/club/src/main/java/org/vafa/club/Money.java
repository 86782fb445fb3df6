package org.vafa.club;

import java.math.BigDecimal;
import org.vafa.api.rest.Problem;

/** Amounts of money as the club accepts them: positive, at most two decimals, at most 10^15. */
public final class Money {
    private static final BigDecimal MAX = new BigDecimal("1000000000000000");

    private Money() {
    }

    public static BigDecimal positive(BigDecimal amount, String field) {
        if (amount == null || amount.signum() <= 0 || amount.compareTo(MAX) > 0 || amount.stripTrailingZeros().scale() > 2) {
            throw Problem.invalidField(field, field + " is an amount of money more than 0, at most 10^15, with at most two decimals");
        }
        return amount;
    }

    public static BigDecimal zeroOrMore(BigDecimal amount, String field) {
        return amount != null && amount.signum() == 0 ? amount : positive(amount, field);
    }

    public static void currency(String expected, String given, String field) {
        if (!expected.equals(given)) {
            throw Problem.invalidField(field, "The amount is in " + given + " but this is in " + expected);
        }
    }
}
