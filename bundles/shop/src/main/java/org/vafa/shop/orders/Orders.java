package org.vafa.shop.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.events.EventLog;
import org.vafa.api.locale.PlatformLocale;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.RestJson;
import org.vafa.shop.api.ShopOrders;
import org.vafa.shop.stock.Stock;

/**
 * The shop's orders. Each delivery is one transaction on the order's row (locked, so two deliveries of one order queue):
 * a delivery the storefront did not modify after the one held changes nothing; a move to {@code placed} holds the
 * lines' stock back from what is for sale; a move to {@code cancelled} gives it back (or, after dispatch, puts the
 * returned goods back into stock). The events it publishes carry the order to the club and the CRM through routes.
 */
@Component(service = {Orders.class, ShopOrders.class}, property = "name=shopOrders")
public class Orders implements ShopOrders {
    private static final Instant NEVER = Instant.EPOCH;

    private final Database database;
    private final EventLog eventLog;
    private final Stock stock;
    private final PlatformLocale locale;

    /** An order as the shop holds it. */
    public record Held(String id, String storefront, String externalId, String status, String storefrontStatus, Instant modifiedAt,
                       JsonNode order, List<Reserved> reserved, Instant createdAt, Instant updatedAt) {
    }

    public record Reserved(String sku, BigDecimal quantity) {
    }

    @Activate
    public Orders(@Reference Database database, @Reference EventLog eventLog, @Reference Stock stock, @Reference PlatformLocale locale) {
        this.database = database;
        this.eventLog = eventLog;
        this.stock = stock;
        this.locale = locale;
    }

    @Override
    public Received receive(Order given) {
        Order o = checked(given);
        String id = o.storefront() + "-" + o.externalId();
        return database.inTransaction(tx -> {
            Instant now = Instant.now();
            // a placeholder to lock on: two first deliveries of one order queue here instead of one failing on the key
            Sql.update(tx, "INSERT INTO shop_order (id, storefront, external_id, status, storefront_status, modified_at, order_json,"
                    + " created_at, updated_at) VALUES (?, ?, ?, 'new', '', ?, '{}', ?, ?) ON CONFLICT DO NOTHING", id, o.storefront(),
                    o.externalId(), NEVER, now, now);
            String[] held = Sql.one(tx, "SELECT status, modified_at, order_json FROM shop_order WHERE id = ? FOR UPDATE",
                    rs -> new String[] {rs.getString(1), Sql.instant(rs, 2).toString(), rs.getString(3)}, id).orElseThrow();
            String before = held[0];
            if (!o.modifiedAt().isAfter(Instant.parse(held[1]))) {
                return new Received(id, false, before);
            }
            String after = next(before, o.status());
            Sql.update(tx, "UPDATE shop_order SET status = ?, storefront_status = ?, modified_at = ?, order_json = ?, updated_at = ?"
                    + " WHERE id = ?", after, o.storefrontStatus(), o.modifiedAt(), json(o), now, id);
            if (after.equals("placed") && !before.equals("placed")) {
                place(tx, id, o);
            } else if (after.equals("cancelled") && !before.equals("cancelled") && (before.equals("placed") || before.equals("dispatched"))) {
                cancel(tx, id, o, before.equals("dispatched") ? RestJson.parse(held[2]) : null);
            }
            return new Received(id, true, after);
        });
    }

    /** The shop's status after a delivery: a placed order is never placed again, a cancelled one stays cancelled. */
    static String next(String before, Status given) {
        return switch (before) {
            case "new", "waiting" -> given.name().toLowerCase(java.util.Locale.ROOT);
            case "placed" -> given == Status.CANCELLED ? "cancelled" : "placed";
            case "dispatched" -> given == Status.CANCELLED ? "cancelled" : "dispatched";
            default -> before;
        };
    }

    private void place(Connection tx, String id, Order o) throws SQLException {
        Map<String, BigDecimal> bySku = new LinkedHashMap<>();
        for (Line l : o.lines()) {
            bySku.merge(l.sku(), l.quantity(), BigDecimal::add);
        }
        for (Map.Entry<String, BigDecimal> r : bySku.entrySet()) {
            Sql.update(tx, "INSERT INTO shop_reservation (order_id, sku, quantity) VALUES (?, ?, ?)", id, r.getKey(), r.getValue());
        }
        stock.settle(tx, bySku.keySet());
        Map<String, Object> data = reference(id, o);
        data.put("number", o.number() == null ? o.externalId() : o.number());
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("memberId", o.customer().memberId());
        customer.put("mobile", o.customer().mobile());
        customer.put("email", o.customer().email());
        customer.put("firstName", o.customer().firstName());
        customer.put("lastName", o.customer().lastName());
        data.put("customer", customer);
        data.put("currency", o.currency());
        data.put("total", o.total());
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Line l : o.lines()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("sku", l.sku());
            line.put("name", l.name());
            line.put("quantity", l.quantity());
            line.put("unitPrice", l.unitPrice());
            lines.add(line);
        }
        data.put("lines", lines);
        data.put("placedAt", o.modifiedAt().toString());
        if (o.paymentMethod() != null) {
            data.put("paymentMethod", o.paymentMethod());
        }
        eventLog.append(tx, "shop", PLACED, id, data);
    }

    /** {@code dispatched}: the order as held when its goods had left (they come back), else null. */
    private void cancel(Connection tx, String id, Order o, JsonNode dispatched) throws SQLException {
        boolean wasDispatched = dispatched != null;
        List<Reserved> reserved = reservations(tx, id);
        Sql.update(tx, "DELETE FROM shop_reservation WHERE order_id = ?", id);
        List<String> skus = new ArrayList<>(reserved.stream().map(Reserved::sku).toList());
        if (wasDispatched) { // the goods come back
            for (JsonNode l : dispatched.path("lines")) {
                stock.remove(tx, l.path("sku").asText(), l.path("quantity").decimalValue().negate());
                skus.add(l.path("sku").asText());
            }
        }
        stock.settle(tx, skus);
        Map<String, Object> data = reference(id, o);
        data.put("wasDispatched", wasDispatched);
        eventLog.append(tx, "shop", CANCELLED, id, data);
    }

    /**
     * For the route on the CRM's dispatch note ({@code crm.document.dispatched} with the order's id): the order's goods
     * left, so the stock it held back is taken from the warehouse figure. Once; an order not placed is left as it is.
     */
    public boolean dispatched(String orderId) {
        if (orderId == null) {
            return false;
        }
        return database.inTransaction(tx -> {
            Optional<String> status = Sql.one(tx, "SELECT status FROM shop_order WHERE id = ? FOR UPDATE", rs -> rs.getString(1), orderId);
            if (status.isEmpty() || !status.get().equals("placed")) {
                return false;
            }
            List<Reserved> reserved = reservations(tx, orderId);
            for (Reserved r : reserved) {
                stock.remove(tx, r.sku(), r.quantity());
            }
            Sql.update(tx, "DELETE FROM shop_reservation WHERE order_id = ?", orderId);
            stock.settle(tx, reserved.stream().map(Reserved::sku).toList());
            Instant now = Instant.now();
            Sql.update(tx, "UPDATE shop_order SET status = 'dispatched', updated_at = ? WHERE id = ?", now, orderId);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("orderId", orderId);
            eventLog.append(tx, "shop", DISPATCHED, orderId, data);
            return true;
        });
    }

    public Optional<Held> get(String id) {
        return database.inTransaction(tx -> {
            Optional<Held> held = Sql.one(tx, "SELECT " + COLUMNS + " FROM shop_order WHERE id = ? AND status <> 'new'", Orders::row, id);
            return held.isEmpty() ? held : Optional.of(withReserved(tx, held.get()));
        });
    }

    /** The latest changed first; {@code status} null: any. */
    public List<Held> list(String status, int limit) {
        return database.inTransaction(tx -> {
            List<Held> out = new ArrayList<>();
            List<Held> rows = status == null
                    ? Sql.list(tx, "SELECT " + COLUMNS + " FROM shop_order WHERE status <> 'new' ORDER BY updated_at DESC, id LIMIT ?",
                            Orders::row, limit)
                    : Sql.list(tx, "SELECT " + COLUMNS + " FROM shop_order WHERE status = ? ORDER BY updated_at DESC, id LIMIT ?",
                            Orders::row, status, limit);
            for (Held h : rows) {
                out.add(withReserved(tx, h));
            }
            return out;
        });
    }

    @Override
    public String position(String poll, String initial) {
        return database.inTransaction(tx -> Sql.one(tx, "SELECT position FROM shop_feed_position WHERE feed = ?", rs -> rs.getString(1),
                poll)).orElse(initial);
    }

    @Override
    public void savePosition(String poll, String position) {
        database.inTransaction(tx -> {
            Instant at = Instant.now();
            if (Sql.update(tx, "UPDATE shop_feed_position SET position = ?, updated_at = ? WHERE feed = ?", position, at, poll) == 0) {
                Sql.update(tx, "INSERT INTO shop_feed_position (feed, position, updated_at) VALUES (?, ?, ?)", poll, position, at);
            }
            return null;
        });
    }

    private static final String COLUMNS = "id, storefront, external_id, status, storefront_status, modified_at, order_json, created_at,"
            + " updated_at";

    private static Held row(java.sql.ResultSet rs) throws SQLException {
        return new Held(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), Sql.instant(rs, 6),
                RestJson.parse(rs.getString(7)), List.of(), Sql.instant(rs, 8), Sql.instant(rs, 9));
    }

    private static Held withReserved(Connection tx, Held h) throws SQLException {
        return new Held(h.id(), h.storefront(), h.externalId(), h.status(), h.storefrontStatus(), h.modifiedAt(), h.order(),
                reservations(tx, h.id()), h.createdAt(), h.updatedAt());
    }

    private static List<Reserved> reservations(Connection tx, String id) throws SQLException {
        return Sql.list(tx, "SELECT sku, quantity FROM shop_reservation WHERE order_id = ? ORDER BY sku",
                rs -> new Reserved(rs.getString(1), new BigDecimal(rs.getBigDecimal(2).stripTrailingZeros().toPlainString())), id);
    }

    private static Map<String, Object> reference(String id, Order o) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("orderId", id);
        data.put("storefront", o.storefront());
        data.put("externalId", o.externalId());
        return data;
    }

    private Order checked(Order o) {
        if (o == null) {
            throw Problem.badRequest("An order is required");
        }
        if (o.storefront() == null || !o.storefront().matches("[a-z0-9][a-z0-9-]{0,29}")) {
            throw Problem.invalidField("storefront", "storefront is 1 to 30 lower-case Latin letters, digits or '-'");
        }
        if (o.externalId() == null || !o.externalId().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,59}")) {
            throw Problem.invalidField("id", "id is the storefront's order id: 1 to 60 Latin letters, digits, '.', '_' or '-'");
        }
        if (o.status() == null) {
            throw Problem.invalidField("status", "status is required");
        }
        if (o.modifiedAt() == null) {
            throw Problem.invalidField("modifiedAt", "modifiedAt is required");
        }
        if (o.currency() != null && !o.currency().matches("[A-Z]{3}")) {
            throw Problem.invalidField("currency", "An ISO 4217 code such as IRR");
        }
        if (o.lines() == null || o.lines().isEmpty() || o.lines().size() > org.vafa.shop.api.OrderForm.MAX_LINES) {
            throw Problem.invalidField("lines", "lines lists 1 to " + org.vafa.shop.api.OrderForm.MAX_LINES + " items");
        }
        for (int i = 0; i < o.lines().size(); i++) {
            Line l = o.lines().get(i);
            if (l.sku() == null || !l.sku().matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,99}")) {
                throw Problem.invalidField("lines[" + i + "].sku", "a SKU is 1 to 100 Latin letters, digits, '.', '_', '/' or '-'");
            }
            if (l.quantity() == null || l.quantity().signum() <= 0 || l.quantity().scale() > 3
                    || l.quantity().compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
                throw Problem.invalidField("lines[" + i + "].quantity", "a quantity is more than 0, at most 1000000, three decimals");
            }
            if (l.unitPrice() == null || l.unitPrice().signum() < 0 || l.unitPrice().compareTo(new BigDecimal("1e15")) > 0) {
                throw Problem.invalidField("lines[" + i + "].unitPrice", "a price is 0 or more, at most 10^15");
            }
        }
        if (o.total() != null && (o.total().signum() < 0 || o.total().compareTo(new BigDecimal("1e15")) > 0)) {
            throw Problem.invalidField("total", "total is 0 or more, at most 10^15");
        }
        Customer c = o.customer() == null ? new Customer(null, null, null, null, null) : o.customer();
        BigDecimal total = o.total() != null ? o.total() : o.lines().stream().map(l -> l.quantity().multiply(l.unitPrice()))
                .reduce(BigDecimal.ZERO, BigDecimal::add).setScale(2, RoundingMode.HALF_UP);
        return new Order(o.storefront(), o.externalId(), o.number(), o.status(), o.storefrontStatus() == null ? "" : o.storefrontStatus(),
                o.modifiedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS), c, o.currency() == null ? locale.currency() : o.currency(),
                total, List.copyOf(o.lines()), paymentMethod(o.paymentMethod()));
    }

    /** As the programme's {@code payments} name methods: lower case; anything else is not a method name. */
    private static String paymentMethod(String given) {
        String m = given == null ? null : given.strip().toLowerCase(java.util.Locale.ROOT);
        return m == null || !m.matches("[a-z0-9][a-z0-9_-]{0,39}") ? null : m.replace('_', '-');
    }

    private static String json(Order o) {
        try {
            return RestJson.MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
