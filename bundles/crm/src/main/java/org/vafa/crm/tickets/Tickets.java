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
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.vafa.api.contacts.Contacts;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.events.CloudEvent;
import org.vafa.api.events.EventLog;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.RestJson;
import org.vafa.crm.CrmConfig;
import org.vafa.crm.customers.Customers;
import org.vafa.crm.staff.Staff;

/**
 * Tickets: filed by a member or by staff on their behalf; the category (and branch) decide the responsible expert,
 * on duty first. Filing publishes {@code crm.ticket.filed} naming the expert, which the shipped route
 * {@code routes/crm-ticket-sms.camel.yaml} turns into a text to them at once; the ticket lands on the customer's
 * timeline in the same transaction.
 */
@Component(service = Tickets.class, configurationPid = "org.vafa.crm", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CrmConfig.class)
public class Tickets {
    private static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");

    private final Database database;
    private final EventLog eventLog;
    private final Customers customers;
    private final Staff staff;
    private final Contacts contacts;
    private volatile List<String> categories;

    /** A ticket as kept; {@code expertId} null while no one answers its category. */
    public record Ticket(String id, long number, String customerId, String category, String priority, String subject, String text,
                         String reference, String branch, String status, String expertId, String filedBy, Instant filedAt,
                         Instant updatedAt) {
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
                   @Reference Contacts contacts, CrmConfig config) {
        this.database = database;
        this.eventLog = eventLog;
        this.customers = customers;
        this.staff = staff;
        this.contacts = contacts;
        modified(config);
    }

    @Modified
    void modified(CrmConfig config) {
        this.categories = Arrays.stream(config.ticketCategories().split(",")).map(String::trim).filter(c -> !c.isEmpty()).toList();
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
        return database.inTransaction(tx -> {
            Customers.Customer customer = customers.ofMember(tx, t.memberId());
            Staff.Person expert = staff.responsible(tx, t.category(), t.branch());
            long number = Sql.number(tx, "SELECT COALESCE(MAX(number), 0) + 1 FROM crm_ticket");
            Instant now = Instant.now();
            Ticket ticket = new Ticket(UUID.randomUUID().toString(), number, customer.id(), t.category(), t.priority(), t.subject().trim(),
                    t.text().trim(), t.reference(), t.branch(), "new", expert == null ? null : expert.id(), filedBy, now, now);
            Sql.update(tx, "INSERT INTO crm_ticket (id, number, customer_id, category, priority, subject, text, reference, branch, status,"
                    + " expert_id, filed_by, filed_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ticket.id(), number,
                    customer.id(), ticket.category(), ticket.priority(), ticket.subject(), ticket.text(), ticket.reference(), ticket.branch(),
                    ticket.status(), ticket.expertId(), filedBy, now, now);
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
            + " filed_by, filed_at, updated_at";

    private static Ticket ticket(java.sql.ResultSet rs) throws SQLException {
        return new Ticket(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), Sql.instant(rs, 13), Sql.instant(rs, 14));
    }
}
