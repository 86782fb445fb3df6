package org.vafa.shop.stock;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.Problem;

/**
 * A stock figure from an ERP: the quantity of a SKU in a warehouse (null: the default one), with the ERP's own
 * {@code sequence} (a row version) or {@code at} (its change time), by which an older figure arriving late never
 * replaces a newer one. Checked however it is made.
 */
public record StockChange(String sku, String warehouse, BigDecimal quantity, Long sequence, Instant at) {
    private static final Set<String> FIELDS = Set.of("sku", "warehouse", "quantity", "sequence", "at");
    public static final int MAX_BATCH = 1000;

    public StockChange {
        if (sku == null || !sku.matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,99}")) {
            throw Problem.invalidField("sku", "sku is 1 to 100 Latin letters, digits, '.', '_', '/' or '-'");
        }
        if (warehouse != null && !warehouse.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,59}")) {
            throw Problem.invalidField("warehouse", "warehouse is 1 to 60 Latin letters, digits, '.', '_' or '-'");
        }
        if (quantity == null || quantity.scale() > 3 || quantity.abs().compareTo(new BigDecimal("1e12")) > 0) {
            throw Problem.invalidField("quantity", "quantity is a number with at most three decimals");
        }
    }

    /** {@code {sku, warehouse?, quantity, sequence?, at?}} or a list of at most {@value #MAX_BATCH} of them. */
    public static List<StockChange> read(JsonNode body) {
        List<StockChange> out = new ArrayList<>();
        if (body != null && body.isArray()) {
            if (body.isEmpty() || body.size() > MAX_BATCH) {
                throw Problem.badRequest("A list of 1 to " + MAX_BATCH + " stock changes");
            }
            for (int i = 0; i < body.size(); i++) {
                out.add(one(body.get(i), "[" + i + "]."));
            }
        } else {
            out.add(one(body, ""));
        }
        return out;
    }

    private static StockChange one(JsonNode item, String path) {
        try {
            Fields f = new Fields(item, FIELDS);
            if (!f.has("quantity")) {
                throw Problem.invalidField("quantity", "quantity is required");
            }
            Long sequence = f.has("sequence") ? f.whole("sequence", 0, Long.MAX_VALUE, 0) : null;
            return new StockChange(f.text("sku", true, 100), f.text("warehouse", false, 60), f.decimal("quantity", true), sequence,
                    f.instant("at"));
        } catch (Problem p) {
            throw p.field() == null || path.isEmpty() ? p : new Problem(p.status(), "Invalid request", p.getMessage(), path + p.field());
        }
    }
}
