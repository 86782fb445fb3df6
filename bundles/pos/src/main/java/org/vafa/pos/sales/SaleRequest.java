package org.vafa.pos.sales;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.Problem;
import org.vafa.club.api.ClubCheckout;

/** A register's basket (for a quote) or sale, read from its JSON with every mistake named by its field (also its OpenAPI schema). */
public record SaleRequest(String receipt, String cashier, Instant soldAt, String card, String mobile, String memberId, String currency,
                   List<ClubCheckout.Line> lines, List<String> vouchers, long points, BigDecimal storedValue,
                   List<Payment> payments) {

    public record Payment(String method, BigDecimal amount) {
    }

    // the club's checkout holds baskets to the same limits (a sale with a member is checked by both)
    private static final int MAX_LINES = 500;
    private static final BigDecimal MAX_QUANTITY = BigDecimal.valueOf(1_000_000);
    private static final BigDecimal MAX_PRICE = new BigDecimal("1000000000000000");
    private static final Set<String> BASKET = Set.of("card", "mobile", "memberId", "currency", "lines", "vouchers", "points",
            "storedValue");
    private static final Set<String> SALE = Set.of("receipt", "cashier", "soldAt", "card", "mobile", "memberId", "currency", "lines",
            "vouchers", "points", "storedValue", "payments");
    /** How far back an offline register's queued sales are accepted. */
    private static final Duration OFFLINE_AT_MOST = Duration.ofDays(30);

    /** A quote's basket from a request's JSON (no receipt, no payments). */
    public static SaleRequest basket(JsonNode body) {
        return read(body, false);
    }

    static SaleRequest sale(JsonNode body) {
        return read(body, true);
    }

    boolean needsClub() {
        return card != null || mobile != null || memberId != null || !vouchers.isEmpty() || points > 0 || storedValue.signum() > 0;
    }

    private static SaleRequest read(JsonNode body, boolean sale) {
        Fields f = new Fields(body, sale ? SALE : BASKET);
        String receipt = null;
        Instant soldAt = null;
        if (sale) {
            receipt = f.text("receipt", true, 60);
            soldAt = f.instant("soldAt");
            soldAt = soldAt == null ? null : soldAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // what both databases keep
            Instant now = Instant.now();
            if (soldAt != null && (soldAt.isAfter(now.plus(Duration.ofMinutes(5))) || soldAt.isBefore(now.minus(OFFLINE_AT_MOST)))) {
                throw Problem.invalidField("soldAt", "soldAt is the sale's time: not in the future, at most 30 days ago");
            }
        }
        String currency = f.text("currency", true, 3);
        JsonNode lineNodes = body.get("lines");
        if (lineNodes == null || !lineNodes.isArray() || lineNodes.isEmpty() || lineNodes.size() > MAX_LINES) {
            throw Problem.invalidField("lines", "lines lists what is bought (1 to " + MAX_LINES + "): [{sku, category, quantity, unitPrice}]");
        }
        List<ClubCheckout.Line> lines = new ArrayList<>();
        for (int i = 0; i < lineNodes.size(); i++) {
            String at = "lines[" + i + "]";
            JsonNode node = lineNodes.get(i);
            Fields line = field(at, () -> new Fields(node, Set.of("sku", "category", "quantity", "unitPrice")));
            BigDecimal quantity = field(at, () -> line.decimal("quantity", true));
            BigDecimal unitPrice = field(at, () -> line.decimal("unitPrice", true));
            // checked here, not only by the club: a sale without a member never reaches it
            if (quantity.signum() <= 0 || quantity.compareTo(MAX_QUANTITY) > 0) {
                throw Problem.invalidField(at + ".quantity", "quantity is more than 0 and at most " + MAX_QUANTITY);
            }
            if (unitPrice.signum() < 0 || unitPrice.compareTo(MAX_PRICE) > 0 || unitPrice.stripTrailingZeros().scale() > 2) {
                throw Problem.invalidField(at + ".unitPrice", "unitPrice is 0 or more, at most 10^15, with at most two decimals");
            }
            lines.add(new ClubCheckout.Line(field(at, () -> line.text("sku", true, 100)), field(at, () -> line.text("category", false, 100)),
                    quantity, unitPrice));
        }
        List<String> vouchers = body.has("vouchers") ? f.strings("vouchers") : List.of();
        long points = f.whole("points", 0, 1_000_000_000L, 0);
        BigDecimal storedValue = body.has("storedValue") ? f.decimal("storedValue", true) : BigDecimal.ZERO;
        List<Payment> payments = new ArrayList<>();
        JsonNode paymentNodes = body.get("payments");
        if (paymentNodes != null) {
            if (!paymentNodes.isArray() || paymentNodes.size() > 20) {
                throw Problem.invalidField("payments", "payments lists at most 20 [{method, amount}]");
            }
            for (int i = 0; i < paymentNodes.size(); i++) {
                String at = "payments[" + i + "]";
                JsonNode node = paymentNodes.get(i);
                Fields p = field(at, () -> new Fields(node, Set.of("method", "amount")));
                BigDecimal amount = field(at, () -> p.decimal("amount", true));
                // a negative part would pass the sum's check and inflate another method's share of the points
                if (amount.signum() < 0 || amount.compareTo(MAX_PRICE) > 0) {
                    throw Problem.invalidField(at + ".amount", at + ".amount is 0 or more, at most 10^15");
                }
                payments.add(new Payment(field(at, () -> p.text("method", true, 30)), amount));
            }
        }
        return new SaleRequest(receipt, sale ? f.text("cashier", false, 100) : null, soldAt, f.text("card", false, 40),
                f.text("mobile", false, 40), f.text("memberId", false, 36), currency, lines, vouchers, points, storedValue, payments);
    }

    /** A nested field's problem names its full path ({@code lines[2].quantity}). */
    private static <T> T field(String at, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (Problem p) {
            throw p.field() == null ? p : Problem.invalidField(at + "." + p.field(), p.getMessage());
        }
    }
}
