package org.vafa.crm.tickets;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.vafa.api.contacts.Contacts;
import org.vafa.api.cluster.ClusterSingletons;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.events.CloudEvent;
import org.vafa.api.events.EventLog;
import org.vafa.api.locale.PlatformLocale;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.RestJson;
import org.vafa.crm.CrmConfig;
import org.vafa.crm.api.CrmTickets;
import org.vafa.crm.customers.Customers;
import org.vafa.crm.staff.Staff;

/**
 * Tickets: filed by a member or by staff on their behalf; the category (and branch) decide the responsible expert,
 * on duty first. Filing publishes {@code crm.ticket.filed} naming the expert, which the shipped route
 * {@code routes/crm-ticket-sms.camel.yaml} turns into a text to them at once; the ticket lands on the customer's
 * timeline in the same transaction.
 */
@Component(service = {Tickets.class, CrmTickets.class}, configurationPid = "org.vafa.crm", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CrmConfig.class)
public class Tickets implements CrmTickets {
    private static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");

    private final Database database;
    private final EventLog eventLog;
    private final Customers customers;
    private final Staff staff;
    private final Contacts contacts;
    private final PlatformLocale locale;
    private volatile List<String> categories;
    private volatile Sla sla;
    private final Escalator escalator;

    /** The SLA settings: the working week and the working time per priority. */
    record Sla(BusinessHours hours, Map<String, java.time.Duration> firstResponses, Map<String, java.time.Duration> resolutions,
               Map<String, java.time.Duration> warnings) {
        java.time.Duration firstResponse(String priority) {
            return firstResponses.getOrDefault(priority, firstResponses.getOrDefault("normal", java.time.Duration.ofHours(4)));
        }

        java.time.Duration resolution(String priority) {
            return resolutions.getOrDefault(priority, resolutions.getOrDefault("normal", java.time.Duration.ofHours(16)));
        }
    }

    /** A ticket as kept; {@code expertId} null while no one answers its category. */
    public record Ticket(String id, long number, String customerId, String category, String priority, String subject, String text,
                         String reference, String branch, String status, String expertId, String filedBy, Instant filedAt,
                         Instant updatedAt, Instant dueAt, int escalationLevel, String escalatedTo, Instant acknowledgedAt,
                         Instant resolvedAt) {
    }

    /** A reply: {@code staff} (to the customer), {@code customer}, or an internal {@code note}. */
    public record Reply(long id, String kind, String author, String text, Instant createdAt) {
    }

    /** {@code POST /api/crm/tickets}: filed by staff on the member's behalf. Checked however it is made. */
    public record NewTicket(String memberId, String category, String priority, String subject, String text, String reference,
                            String branch) {
        private static final Set<String> FIELDS = Set.of("memberId", "category", "priority", "subject", "text", "reference", "branch");

        public NewTicket {
            if (memberId == null || !memberId.matches("[A-Za-z0-9-]{1,36}")) {
                throw Problem.invalidField("memberId", "memberId is the member's id");
            }
            if (category == null || !category.matches("[a-z0-9][a-z0-9-]{0,59}")) {
                throw Problem.invalidField("category", "category is required");
            }
            priority = priority == null ? "normal" : priority;
            if (!PRIORITIES.contains(priority)) {
                throw Problem.invalidField("priority", "priority is one of " + new java.util.TreeSet<>(PRIORITIES));
            }
            if (subject == null || !Fields.visible(subject) || subject.length() > 200) {
                throw Problem.invalidField("subject", "subject is 1 to 200 characters");
            }
            if (text == null || !Fields.visible(text) || text.length() > 4000) {
                throw Problem.invalidField("text", "text is 1 to 4000 characters");
            }
        }

        public static NewTicket read(JsonNode body) {
            Fields f = new Fields(body, FIELDS);
            return new NewTicket(f.text("memberId", true, 36), f.text("category", true, 60), f.text("priority", false, 10),
                    f.text("subject", true, 200), f.text("text", true, 4000), f.text("reference", false, 100), f.text("branch", false, 40));
        }
    }

    @Activate
    public Tickets(@Reference Database database, @Reference EventLog eventLog, @Reference Customers customers, @Reference Staff staff,
                   @Reference Contacts contacts, @Reference PlatformLocale locale, @Reference ClusterSingletons cluster, CrmConfig config) {
        this.database = database;
        this.escalator = new Escalator(this, () -> cluster.leads("crm:ticket-escalations"));
        this.eventLog = eventLog;
        this.customers = customers;
        this.staff = staff;
        this.contacts = contacts;
        this.locale = locale;
        modified(config);
        escalator.start();
    }

    @Modified
    void modified(CrmConfig config) {
        this.categories = Arrays.stream(config.ticketCategories().split(",")).map(String::trim).filter(c -> !c.isEmpty()).toList();
        this.sla = new Sla(BusinessHours.parse(config.businessWeek(), config.holidays(), locale.timeZone()),
                BusinessHours.perPriority(config.firstResponse()), BusinessHours.perPriority(config.resolution()),
                config.slaWarning().isBlank() ? Map.of() : BusinessHours.perPriority(config.slaWarning()));
        escalator.wake();
    }

    /** Stops watching the deadlines (the component goes away). */
    @Deactivate
    public void stop() {
        escalator.stop();
    }

    public Ticket file(NewTicket t, String filedBy) {
        if (!categories.contains(t.category())) {
            throw Problem.invalidField("category", "category is one of " + categories);
        }
        try {
            if (contacts.resolve("member:" + t.memberId()).isEmpty()) {
                throw Problem.invalidField("memberId", "No member " + t.memberId());
            }
        } catch (Contacts.KindNotInstalled clubAway) {
            // the club is not installed: the ticket is filed for the id as given
        }
        Ticket filed = database.inTransaction(tx -> {
            Customers.Customer customer = customers.ofMember(tx, t.memberId());
            Staff.Person expert = staff.responsible(tx, t.category(), t.branch());
            long number = Sql.number(tx, "SELECT COALESCE(MAX(number), 0) + 1 FROM crm_ticket");
            Instant now = Instant.now();
            Instant due = sla.hours().plus(now, sla.firstResponse(t.priority()));
            Ticket ticket = new Ticket(UUID.randomUUID().toString(), number, customer.id(), t.category(), t.priority(), t.subject().trim(),
                    t.text().trim(), t.reference(), t.branch(), "new", expert == null ? null : expert.id(), filedBy, now, now, due, 0, null,
                    null, null);
            Sql.update(tx, "INSERT INTO crm_ticket (id, number, customer_id, category, priority, subject, text, reference, branch, status,"
                    + " expert_id, filed_by, filed_at, updated_at, due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ticket.id(),
                    number, customer.id(), ticket.category(), ticket.priority(), ticket.subject(), ticket.text(), ticket.reference(),
                    ticket.branch(), ticket.status(), ticket.expertId(), filedBy, now, now, due);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("ticketId", ticket.id());
            data.put("number", number);
            data.put("memberId", t.memberId());
            data.put("customerId", customer.id());
            data.put("category", ticket.category());
            data.put("priority", ticket.priority());
            data.put("subject", ticket.subject());
            data.put("expertId", ticket.expertId());
            data.put("branch", ticket.branch());
            data.put("filedBy", filedBy);
            CloudEvent event = eventLog.append(tx, "crm", "crm.ticket.filed", t.memberId(), data);
            timeline(tx, customer.id(), event, data);
            return ticket;
        });
        escalator.wake();
        return filed;
    }

    // --- the ticket's life ---------------------------------------------------------------------------

    /** The statuses a ticket goes through; {@code waiting_on_customer} pauses its clock. */
    public static final List<String> STATUSES = List.of("new", "acknowledged", "in_progress", "waiting_on_customer", "resolved",
            "closed");

    /**
     * Moves the ticket to {@code status}: acknowledging it starts the resolution clock, waiting on the customer pauses
     * it (the working time left is kept), going back to work resumes it, resolving and closing stop it. Each step is a
     * {@code crm.ticket.<status>} event and lands on the timeline.
     */
    public Ticket changeStatus(String id, String status, String by) {
        if (status == null || !STATUSES.contains(status) || status.equals("new")) {
            throw Problem.invalidField("status", "status is one of " + STATUSES.subList(1, STATUSES.size()));
        }
        Ticket changed = database.inTransaction(tx -> {
            Ticket t = locked(tx, id);
            if (t.status().equals(status)) {
                return t; // asked again: nothing more
            }
            if (t.status().equals("closed") || status.equals("closed") && !t.status().equals("resolved")) {
                throw Problem.conflict("Ticket " + t.number() + " is " + t.status() + "; only a resolved ticket is closed, and a closed one"
                        + " stays closed");
            }
            move(tx, t, status, by);
            return locked(tx, id);
        });
        escalator.wake();
        return changed;
    }

    /**
     * A reply: staff to the customer (the first one acknowledges a new ticket; {@code crm.ticket.replied} lets a route
     * text the customer), the customer (which takes a waiting or resolved ticket back to work), or an internal note.
     */
    public Reply reply(String id, String kind, String text, String author) {
        if (!List.of("staff", "customer", "note").contains(kind)) {
            throw Problem.invalidField("kind", "kind is staff, customer or note");
        }
        if (text == null || !Fields.visible(text) || text.length() > 4000) {
            throw Problem.invalidField("text", "text is 1 to 4000 characters");
        }
        Reply reply = database.inTransaction(tx -> {
            Ticket t = locked(tx, id);
            if (t.status().equals("closed")) {
                throw Problem.conflict("Ticket " + t.number() + " is closed");
            }
            Instant now = Instant.now();
            Sql.update(tx, "INSERT INTO crm_ticket_reply (ticket_id, kind, author, text, created_at) VALUES (?, ?, ?, ?, ?)", id, kind,
                    author, text.trim(), now);
            long replyId = Sql.number(tx, "SELECT MAX(id) FROM crm_ticket_reply WHERE ticket_id = ?", id);
            if (kind.equals("staff") && t.status().equals("new")) {
                move(tx, t, "acknowledged", author);
            } else if (kind.equals("customer") && List.of("waiting_on_customer", "resolved").contains(t.status())) {
                move(tx, t, "in_progress", author);
            }
            if (!kind.equals("note")) {
                Map<String, Object> data = eventData(tx, locked(tx, id));
                data.put("replyKind", kind);
                publish(tx, "crm.ticket.replied", data);
            }
            return new Reply(replyId, kind, author, text.trim(), now);
        });
        escalator.wake();
        return reply;
    }

    public List<Reply> replies(String id) {
        return database.inTransaction(tx -> {
            locked(tx, id);
            return Sql.list(tx, "SELECT id, kind, author, text, created_at FROM crm_ticket_reply WHERE ticket_id = ? ORDER BY id",
                    rs -> new Reply(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Sql.instant(rs, 5)), id);
        });
    }

    private void move(Connection tx, Ticket t, String status, String by) throws SQLException {
        Instant now = Instant.now();
        Sla s = sla;
        switch (status) {
            case "acknowledged" -> Sql.update(tx, "UPDATE crm_ticket SET status = ?, acknowledged_at = COALESCE(acknowledged_at, ?), due_at = ?,"
                    + " escalation_level = 0, updated_at = ? WHERE id = ?", status, now, s.hours().plus(now, s.resolution(t.priority())), now,
                    t.id());
            case "waiting_on_customer" -> Sql.update(tx, "UPDATE crm_ticket SET status = ?, paused_remaining_ms = ?, due_at = NULL,"
                    + " updated_at = ? WHERE id = ?", status, t.dueAt() == null ? 0L : s.hours().between(now, t.dueAt()).toMillis(), now, t.id());
            case "in_progress" -> {
                Instant due = t.status().equals("waiting_on_customer")
                        ? s.hours().plus(now, java.time.Duration.ofMillis(paused(tx, t.id())))
                        : t.status().equals("resolved") || t.dueAt() == null ? s.hours().plus(now, s.resolution(t.priority())) : t.dueAt();
                Sql.update(tx, "UPDATE crm_ticket SET status = ?, acknowledged_at = COALESCE(acknowledged_at, ?), due_at = ?,"
                        + " paused_remaining_ms = NULL, resolved_at = NULL, updated_at = ? WHERE id = ?", status, now, due, now, t.id());
            }
            case "resolved" -> Sql.update(tx, "UPDATE crm_ticket SET status = ?, due_at = NULL, resolved_at = ?, updated_at = ? WHERE id = ?",
                    status, now, now, t.id());
            case "closed" -> Sql.update(tx, "UPDATE crm_ticket SET status = ?, due_at = NULL, closed_at = ?, updated_at = ? WHERE id = ?", status,
                    now, now, t.id());
            default -> Sql.update(tx, "UPDATE crm_ticket SET status = ?, due_at = NULL, updated_at = ? WHERE id = ?", status, now, t.id());
        }
        Map<String, Object> data = eventData(tx, locked(tx, t.id()));
        data.put("by", by);
        publish(tx, "crm.ticket." + status.replace("_", "-"), data);
    }

    /** The customer's satisfaction with a resolved or closed ticket: {@code good} or {@code bad}, with an optional comment. */
    public record Rating(String ticketId, long number, String rating, String comment, Instant ratedAt) {
    }

    /**
     * Records the customer's one answer to "were you satisfied?" ({@code crm.ticket.rated}, on the timeline; the comment
     * stays in the CRM, not in the event). A second answer, by either way of asking, is a 409.
     *
     * @param customerId the customer the ticket must be of (the member API's), or null (the signed link names the ticket)
     */
    public Rating rate(String id, String customerId, String rating, String comment, String by) {
        if (rating == null || !List.of("good", "bad").contains(rating)) {
            throw Problem.invalidField("rating", "rating is good or bad");
        }
        if (comment != null && (comment.length() > 1000 || !Fields.visible(comment))) {
            throw Problem.invalidField("comment", "comment is 1 to 1000 characters");
        }
        return database.inTransaction(tx -> {
            Ticket t = locked(tx, id);
            if (customerId != null && !customerId.equals(t.customerId())) {
                throw Problem.notFound("No ticket " + id);
            }
            if (!List.of("resolved", "closed").contains(t.status())) {
                throw Problem.conflict("Ticket " + t.number() + " is " + t.status() + ": it is rated once it is resolved");
            }
            if (Sql.one(tx, "SELECT rating FROM crm_ticket WHERE id = ?", rs -> rs.getString(1), id).orElse(null) != null) {
                throw Problem.conflict("Ticket " + t.number() + " was rated already: the answer is recorded once");
            }
            Instant now = Instant.now();
            String text = comment == null ? null : comment.strip();
            Sql.update(tx, "UPDATE crm_ticket SET rating = ?, rating_comment = ?, rated_at = ? WHERE id = ?", rating, text, now, id);
            Map<String, Object> data = eventData(tx, t);
            data.put("rating", rating);
            data.put("commented", text != null);
            data.put("by", by);
            publish(tx, "crm.ticket.rated", data);
            return new Rating(id, t.number(), rating, text, now);
        });
    }

    /** The ticket's rating, if it was rated. */
    public Optional<Rating> rating(String id) {
        return database.inTransaction(tx -> Sql.one(tx, "SELECT id, number, rating, rating_comment, rated_at FROM crm_ticket WHERE id = ?"
                + " AND rating IS NOT NULL", rs -> new Rating(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                Sql.instant(rs, 5)), id));
    }

    /** When the ticket was closed, if it is. */
    public Optional<Instant> closedAt(String id) {
        return database.inTransaction(tx -> Sql.one(tx, "SELECT closed_at FROM crm_ticket WHERE id = ?", rs -> Sql.instant(rs, 1), id))
                .filter(java.util.Objects::nonNull);
    }

    private static long paused(Connection tx, String id) throws SQLException {
        return Sql.one(tx, "SELECT paused_remaining_ms FROM crm_ticket WHERE id = ?", rs -> rs.getLong(1), id).orElse(0L);
    }

    // --- escalation -------------------------------------------------------------------------------------

    /**
     * Escalates every open ticket whose SLA deadline has passed to the next person in its category's chain — the
     * expert, then a supervisor, then a manager who answers the category (or every category) — with
     * {@code crm.ticket.escalated} naming them (the shipped route texts them); the deadline starts again for them.
     *
     * @return when the next deadline falls, if any ticket has one
     */
    /**
     * Staff escalate an open ticket by hand (before its deadline): to the next person in its category's chain, as the
     * SLA would — 409 for a closed or resolved ticket, or one a manager holds already.
     */
    public Ticket escalate(String id, String by) {
        return database.inTransaction(tx -> {
            Ticket current = locked(tx, id);
            if (!List.of("new", "acknowledged", "in_progress", "waiting_on_customer").contains(current.status())) {
                throw new Problem(409, "Conflict", "Ticket " + current.number() + " is " + current.status() + ": nothing to escalate", null);
            }
            if (current.escalationLevel() >= 2) {
                throw new Problem(409, "Conflict", "Ticket " + current.number() + " is with a manager already", null);
            }
            escalate(tx, current, Instant.now(), by);
            return locked(tx, id);
        });
    }

    /** The next step of the chain for one ticket, in the caller's transaction, with crm.ticket.escalated (by: who asked, or null: the SLA). */
    private void escalate(Connection tx, Ticket current, Instant now, String by) throws SQLException {
        int level = current.escalationLevel() + 1;
        Staff.Person to = level > 2 ? null : staff.chain(tx, current.category(), level == 1 ? "supervisor" : "manager");
        Sla s = sla;
        java.time.Duration again = current.acknowledgedAt() == null ? s.firstResponse(current.priority()) : s.resolution(current.priority());
        Instant next = level >= 2 || current.status().equals("waiting_on_customer") ? current.dueAt() : s.hours().plus(now, again);
        Sql.update(tx, "UPDATE crm_ticket SET escalation_level = ?, escalated_to = COALESCE(?, escalated_to), due_at = ?, updated_at = ?"
                + " WHERE id = ?", level, to == null ? null : to.id(), level >= 2 ? null : next, now, current.id());
        Map<String, Object> data = eventData(tx, locked(tx, current.id()));
        data.put("level", level);
        data.put("escalatedTo", to == null ? null : to.id());
        if (by != null) {
            data.put("escalatedBy", by);
        }
        publish(tx, "crm.ticket.escalated", data);
    }

    Optional<Instant> escalateDue(Instant now) {
        List<Ticket> due = database.inTransaction(tx -> Sql.list(tx, "SELECT " + COLUMNS + " FROM crm_ticket WHERE due_at <= ? AND status IN"
                + " ('new', 'acknowledged', 'in_progress') ORDER BY due_at", Tickets::ticket, now));
        for (Ticket t : due) {
            database.inTransaction(tx -> {
                Ticket current = locked(tx, t.id());
                if (current.dueAt() == null || current.dueAt().isAfter(now)) {
                    return null; // changed meanwhile
                }
                escalate(tx, current, now, null);
                return null;
            });
        }
        Optional<Instant> nextWarning = warnDue(now);
        Optional<Instant> nextDeadline = database.inTransaction(tx -> Sql.one(tx, "SELECT MIN(due_at) FROM crm_ticket WHERE due_at IS NOT NULL"
                + " AND status IN ('new', 'acknowledged', 'in_progress')", rs -> Sql.instant(rs, 1)));
        return java.util.stream.Stream.of(nextWarning, nextDeadline).flatMap(Optional::stream).min(Instant::compareTo);
    }

    /**
     * Warns, once per deadline, about every open ticket with less working time left than its priority's
     * {@code slaWarning} ({@code crm.ticket.sla-warning}, which the shipped route texts to whoever holds it now).
     *
     * @return when the next warning falls due, if any
     */
    private Optional<Instant> warnDue(Instant now) {
        Sla s = sla;
        if (s.warnings().isEmpty()) {
            return Optional.empty();
        }
        List<Ticket> open = database.inTransaction(tx -> Sql.list(tx, "SELECT " + COLUMNS + " FROM crm_ticket WHERE due_at > ? AND status IN"
                + " ('new', 'acknowledged', 'in_progress') AND (warned_due_at IS NULL OR warned_due_at <> due_at)", Tickets::ticket, now));
        Instant next = null;
        for (Ticket t : open) {
            java.time.Duration warning = s.warnings().getOrDefault(t.priority(), s.warnings().get("normal"));
            if (warning == null) {
                continue;
            }
            java.time.Duration left = s.hours().between(now, t.dueAt());
            if (left.compareTo(warning) > 0) {
                Instant at = s.hours().plus(now, left.minus(warning));
                next = next == null || at.isBefore(next) ? at : next;
                continue;
            }
            database.inTransaction(tx -> {
                Ticket current = locked(tx, t.id());
                if (!t.dueAt().equals(current.dueAt())) {
                    return null; // changed meanwhile
                }
                Sql.update(tx, "UPDATE crm_ticket SET warned_due_at = due_at WHERE id = ?", t.id());
                Map<String, Object> data = eventData(tx, current);
                data.put("minutesLeft", left.toMinutes());
                data.put("holder", current.escalatedTo() != null ? current.escalatedTo() : current.expertId());
                publish(tx, "crm.ticket.sla-warning", data);
                return null;
            });
        }
        return Optional.ofNullable(next);
    }

    private Ticket locked(Connection tx, String id) throws SQLException {
        return Sql.one(tx, "SELECT " + COLUMNS + " FROM crm_ticket WHERE id = ? FOR UPDATE", Tickets::ticket, id)
                .orElseThrow(() -> Problem.notFound("No ticket " + id));
    }

    private Map<String, Object> eventData(Connection tx, Ticket t) throws SQLException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ticketId", t.id());
        data.put("number", t.number());
        data.put("memberId", Sql.one(tx, "SELECT member_id FROM crm_customer WHERE id = ?", rs -> rs.getString(1), t.customerId()).orElse(null));
        data.put("customerId", t.customerId());
        data.put("category", t.category());
        data.put("priority", t.priority());
        data.put("subject", t.subject());
        data.put("status", t.status());
        data.put("expertId", t.expertId());
        data.put("dueAt", t.dueAt());
        return data;
    }

    private void publish(Connection tx, String type, Map<String, Object> data) throws SQLException {
        Object memberId = data.get("memberId");
        CloudEvent event = eventLog.append(tx, "crm", type, memberId == null ? data.get("ticketId").toString() : memberId.toString(), data);
        timeline(tx, data.get("customerId").toString(), event, data);
    }

    public Optional<Ticket> get(String id) {
        return database.inTransaction(tx -> Sql.one(tx, "SELECT " + COLUMNS + " FROM crm_ticket WHERE id = ?", Tickets::ticket, id));
    }

    /** Tickets, newest first: of one status, one expert, one customer, or all. */
    public List<Ticket> list(String status, String expertId, String customerId, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("1 = 1");
        for (String[] filter : new String[][] {{"status", status}, {"expert_id", expertId}, {"customer_id", customerId}}) {
            if (filter[1] != null) {
                where.append(" AND ").append(filter[0]).append(" = ?");
                params.add(filter[1]);
            }
        }
        params.add(limit);
        return database.inTransaction(tx -> Sql.list(tx, "SELECT " + COLUMNS + " FROM crm_ticket WHERE " + where
                + " ORDER BY filed_at DESC, number DESC LIMIT ?", Tickets::ticket, params.toArray()));
    }

    @Override
    public List<OpenTicket> openTickets(String memberId) {
        return database.inTransaction(tx -> Sql.list(tx, "SELECT t.number, t.category, t.subject, t.status, t.filed_at, t.due_at FROM crm_ticket t"
                + " JOIN crm_customer c ON c.id = t.customer_id WHERE c.member_id = ? AND t.status IN ('new', 'acknowledged', 'in_progress',"
                + " 'waiting_on_customer') ORDER BY t.filed_at DESC LIMIT 20", rs -> new OpenTicket(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getString(4), Sql.instant(rs, 5), Sql.instant(rs, 6)), memberId));
    }

    public List<String> categories() {
        return categories;
    }

    /** The CRM's own events go on the timeline in their transaction (other plugins' come through routes). */
    private static void timeline(Connection tx, String customerId, CloudEvent event, Map<String, Object> data) throws SQLException {
        try {
            Sql.update(tx, "INSERT INTO crm_timeline (customer_id, event_id, kind, event_type, occurred_at, data_json) VALUES (?, ?, 'ticket',"
                    + " ?, ?, ?)", customerId, event.id(), event.type(), event.time(), RestJson.MAPPER.writeValueAsString(data));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String COLUMNS = "id, number, customer_id, category, priority, subject, text, reference, branch, status, expert_id,"
            + " filed_by, filed_at, updated_at, due_at, escalation_level, escalated_to, acknowledged_at, resolved_at";

    private static Ticket ticket(java.sql.ResultSet rs) throws SQLException {
        return new Ticket(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), Sql.instant(rs, 13), Sql.instant(rs, 14),
                Sql.instant(rs, 15), rs.getInt(16), rs.getString(17), Sql.instant(rs, 18), Sql.instant(rs, 19));
    }
}
