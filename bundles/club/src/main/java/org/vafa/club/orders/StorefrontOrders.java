package org.vafa.club.orders;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.locale.PlatformLocale;
import org.vafa.club.members.Member;
import org.vafa.club.members.Members;
import org.vafa.club.rules.Purchase;
import org.vafa.club.sales.Sales;

/**
 * The club's side of a storefront's order, for the routes in routes/order-to-crm.camel.yaml: a placed order earns
 * through the programme like a register's sale (its spend counts for tiers), once per order, with the points pending
 * until the return window ends; a cancelled or returned order takes them back, once. The member is the route's header
 * {@value #MEMBER_HEADER} (found or registered by {@code clubMembers.forCustomer}).
 */
@Component(service = StorefrontOrders.class, property = "name=clubOrders")
public class StorefrontOrders {
    public static final String MEMBER_HEADER = "VafaMemberId";
    /** Days the points wait before they can be spent (the shop's return window); the route sets it. */
    public static final String PENDING_DAYS_HEADER = "VafaPointsPendingDays";

    private final Database database;
    private final Members members;
    private final Sales sales;
    private final PlatformLocale locale;

    @Activate
    public StorefrontOrders(@Reference Database database, @Reference Members members, @Reference Sales sales,
                            @Reference PlatformLocale locale) {
        this.database = database;
        this.members = members;
        this.sales = sales;
        this.locale = locale;
    }

    /** {@code shop.order.placed}: points earned (pending), once per order; a member who left the club earns nothing. */
    public void placed(Exchange exchange) {
        Message in = exchange.getMessage();
        String memberId = in.getHeader(MEMBER_HEADER, String.class);
        Map<?, ?> order = in.getBody(Map.class);
        if (memberId == null || order == null) {
            return;
        }
        int pendingDays = in.getHeader(PENDING_DAYS_HEADER, 0, Integer.class);
        Instant placedAt = Instant.parse(String.valueOf(order.get("placedAt")));
        List<Purchase.Line> lines = new ArrayList<>();
        for (Object item : (List<?>) order.get("lines")) {
            Map<?, ?> l = (Map<?, ?>) item;
            lines.add(new Purchase.Line(String.valueOf(l.get("sku")), null, new BigDecimal(String.valueOf(l.get("quantity"))),
                    new BigDecimal(String.valueOf(l.get("unitPrice")))));
        }
        // how the customer paid, when the storefront said: the programme may earn by it (a store card's gateway)
        Object method = order.get("paymentMethod");
        List<Purchase.Payment> payments = method == null ? List.of() : List.of(new Purchase.Payment(method.toString(),
                lines.stream().map(Purchase.Line::total).reduce(BigDecimal.ZERO, BigDecimal::add)));
        Purchase purchase = new Purchase(lines, String.valueOf(order.get("currency")), "shop",
                placedAt.atZone(locale.timeZone()).toLocalDate(), payments);
        Instant releaseAt = pendingDays > 0 ? placedAt.plus(Duration.ofDays(pendingDays)) : null;
        database.inTransaction(tx -> {
            Optional<Member> member = members.get(tx, memberId);
            if (member.isEmpty() || !member.get().status().inClub()) {
                return null;
            }
            return sales.purchase(tx, member.get(), source(order), purchase, placedAt, releaseAt);
        });
    }

    /** {@code shop.order.cancelled}: the order's points and spend taken back, once; an order that earned nothing is left. */
    public void cancelled(Exchange exchange) {
        Map<?, ?> order = exchange.getMessage().getBody(Map.class);
        if (order == null) {
            return;
        }
        String source = source(order);
        database.inTransaction(tx -> {
            Optional<String> memberId = org.vafa.api.db.Sql.one(tx, "SELECT member_id FROM club_purchase WHERE source = ?",
                    rs -> rs.getString(1), source);
            if (memberId.isPresent()) {
                sales.refund(tx, memberId.get(), source, source + ":cancelled", BigDecimal.ONE);
            }
            return null;
        });
    }

    private static String source(Map<?, ?> order) {
        return "order:" + order.get("orderId");
    }
}
