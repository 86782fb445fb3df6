package org.vafa.crm.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.events.EventHeaders;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.RestJson;
import org.vafa.crm.customers.Customers;

/**
 * The customer's timeline, fed only by routes ({@code bean:crmTimeline?method=record}) with other plugins' events:
 * each event lands once, keyed on its id, also when it is delivered again after a restart. The member is the
 * event's {@code memberId}, or for {@code club.member.*} events the member itself (whose names and contact
 * points the file then learns).
 */
@Component(service = CrmTimeline.class, property = "name=crmTimeline")
public class CrmTimeline {
    /** What a timeline can be filtered by. */
    public static final Set<String> KINDS = Set.of("purchase", "refund", "points", "tier", "voucher", "reward", "stored-value",
            "message", "ticket", "member", "document", "note", "other");

    private final Database database;
    private final Customers customers;

    /** One entry: what happened, when, and the event's data as it was. */
    public record Entry(long id, String kind, String type, Instant occurredAt, JsonNode data) {
    }

    /** A page of a timeline, newest first; {@code next} is the {@code before} of the next page, or null at the end. */
    public record Page(String customerId, List<Entry> entries, Long next) {
    }

    @Activate
    public CrmTimeline(@Reference Database database, @Reference Customers customers) {
        this.database = database;
        this.customers = customers;
    }

    /** Records the event on its member's timeline, once. @return whether it was recorded now (false: there already, or anonymous) */
    public boolean record(Exchange exchange) {
        String eventId = exchange.getMessage().getHeader(EventHeaders.ID, String.class);
        String type = exchange.getMessage().getHeader(EventHeaders.TYPE, String.class);
        if (eventId == null || type == null) {
            throw new IllegalArgumentException("crmTimeline records events: the headers " + EventHeaders.ID + " and " + EventHeaders.TYPE
                    + " are missing");
        }
        String time = exchange.getMessage().getHeader(EventHeaders.TIME, String.class);
        Object body = exchange.getMessage().getBody();
        Map<?, ?> data = body instanceof Map<?, ?> map ? map : Map.of();
        boolean memberEvent = type.startsWith("club.member.");
        // an event names its member in its data; the club's member, points, tier, stored-value and reward events are
        // about their subject
        Object memberId = memberEvent || !data.containsKey("memberId") && type.startsWith("club.")
                ? exchange.getMessage().getHeader(EventHeaders.SUBJECT) : data.get("memberId");
        if (memberId == null) {
            return false; // anonymous (a bearer voucher used without a member): no one's timeline
        }
        return database.inTransaction(tx -> {
            if (Sql.one(tx, "SELECT 1 FROM crm_timeline WHERE event_id = ?", rs -> 1, eventId).isPresent()) {
                return false; // delivered again: it is there already
            }
            Customers.Customer customer = customers.ofMember(tx, memberId.toString());
            if (memberEvent && data.containsKey("firstName")) {
                customers.learn(tx, customer, data);
            }
            Sql.update(tx, "INSERT INTO crm_timeline (customer_id, event_id, kind, event_type, occurred_at, data_json) VALUES (?, ?, ?, ?, ?, ?)",
                    customer.id(), eventId, kind(type), type, time == null ? Instant.now() : Instant.parse(time),
                    RestJson.MAPPER.valueToTree(data).toString());
            return true;
        });
    }

    /** The customer's entries, newest first: {@code kind} filters, {@code before} pages on (an entry id). */
    public Page page(String customerId, String kind, Long before, int limit) {
        if (kind != null && !KINDS.contains(kind)) {
            throw Problem.invalidField("kind", "kind is one of " + new java.util.TreeSet<>(KINDS));
        }
        if (customers.get(customerId).isEmpty()) {
            throw Problem.notFound("No customer " + customerId);
        }
        List<Object> params = new ArrayList<>(List.of(customerId));
        StringBuilder where = new StringBuilder("customer_id = ?");
        if (kind != null) {
            where.append(" AND kind = ?");
            params.add(kind);
        }
        if (before != null) {
            where.append(" AND id < ?");
            params.add(before);
        }
        params.add(limit + 1);
        List<Entry> entries = database.inTransaction(tx -> Sql.list(tx, "SELECT id, kind, event_type, occurred_at, data_json FROM crm_timeline"
                + " WHERE " + where + " ORDER BY id DESC LIMIT ?", rs -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3),
                Sql.instant(rs, 4), read(rs.getString(5))), params.toArray()));
        Long next = entries.size() > limit ? entries.get(limit - 1).id() : null;
        return new Page(customerId, entries.size() > limit ? entries.subList(0, limit) : entries, next);
    }

    /** The kind of entry an event type makes. */
    static String kind(String type) {
        if (type.startsWith("pos.sale.completed") || type.startsWith("shop.order.")) {
            return "purchase";
        }
        if (type.startsWith("pos.sale.refunded")) {
            return "refund";
        }
        String[] parts = type.split("\\.");
        String area = parts.length > 1 ? parts[1] : "";
        return switch (parts[0] + "." + area) {
            case "club.points" -> "points";
            case "club.tier" -> "tier";
            case "club.voucher" -> "voucher";
            case "club.reward" -> "reward";
            case "club.storedvalue" -> "stored-value";
            case "club.member" -> "member";
            case "crm.ticket" -> "ticket";
            case "crm.document" -> "document";
            default -> parts[0].equals("sms") || parts[0].equals("email") ? "message" : "other";
        };
    }

    private static JsonNode read(String json) {
        try {
            return RestJson.MAPPER.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A timeline entry is not JSON", e);
        }
    }
}
