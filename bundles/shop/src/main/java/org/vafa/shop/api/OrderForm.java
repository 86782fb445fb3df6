package org.vafa.shop.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.Problem;

/**
 * The shop's own JSON form of an order, for storefronts without an adapter of their own ({@code POST /api/shop/orders}
 * with a {@code shop} key, or the signed webhook): {@code {id, number?, status: placed|waiting|cancelled, modifiedAt,
 * customer{memberId?, mobile?, email?, firstName?, lastName?}, currency?, total?, lines[{sku, name?, quantity, unitPrice}],
 * paymentMethod?}}.
 * A problem names the field.
 */
public final class OrderForm {
    private static final Set<String> FIELDS = Set.of("id", "number", "status", "modifiedAt", "customer", "currency", "total", "lines",
            "paymentMethod");
    public static final int MAX_LINES = 200;

    private OrderForm() {
    }

    public static ShopOrders.Order read(JsonNode body, String storefront) {
        Fields f = new Fields(body, FIELDS);
        String status = f.text("status", true, 20).toLowerCase(Locale.ROOT);
        ShopOrders.Status s = switch (status) {
            case "placed" -> ShopOrders.Status.PLACED;
            case "waiting" -> ShopOrders.Status.WAITING;
            case "cancelled" -> ShopOrders.Status.CANCELLED;
            default -> throw Problem.invalidField("status", "status is placed, waiting or cancelled");
        };
        if (!f.has("modifiedAt")) {
            throw Problem.invalidField("modifiedAt", "modifiedAt (ISO 8601) is required: a delivery older than the one held is ignored");
        }
        Fields c = f.object("customer", Set.of("memberId", "mobile", "email", "firstName", "lastName"));
        ShopOrders.Customer customer = c == null ? new ShopOrders.Customer(null, null, null, null, null)
                : new ShopOrders.Customer(c.text("memberId", false, 36), c.text("mobile", false, 40), c.text("email", false, 254),
                        c.text("firstName", false, 100), c.text("lastName", false, 100));
        List<ShopOrders.Line> lines = new ArrayList<>();
        for (Fields l : f.objects("lines", Set.of("sku", "name", "quantity", "unitPrice"), MAX_LINES)) {
            lines.add(new ShopOrders.Line(l.text("sku", true, 100), l.text("name", false, 200), l.decimal("quantity", true),
                    l.decimal("unitPrice", true)));
        }
        String id = f.text("id", true, 60);
        BigDecimal total = f.decimal("total", false);
        return new ShopOrders.Order(storefront, id, f.text("number", false, 60), s, status, f.instant("modifiedAt"), customer,
                f.text("currency", false, 3), total, lines, f.text("paymentMethod", false, 40));
    }
}
