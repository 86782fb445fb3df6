package org.vafa.crm.tasks;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.events.EventHeaders;
import org.vafa.api.events.EventLog;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.Problem;
import org.vafa.crm.customers.Customers;
import org.vafa.crm.staff.Staff;

/**
 * Work for staff: created by staff ({@code POST /api/crm/tasks}) or by routes from events
 * ({@code bean:crmTasks?method=fromEvent}, once per event), assigned to a person or a role, with a due time.
 * Completing one publishes {@code crm.task.completed} with its kind and outcome, which routes apply elsewhere
 * (a verification call's {@code verified} or {@code rejected} goes to the club member).
 */
@Component(service = Tasks.class, property = "name=crmTasks")
public class Tasks {
    private static final Set<String> ROLES = Set.of("expert", "supervisor", "manager");

    private final Database database;
    private final EventLog eventLog;
    private final Customers customers;
    private final Staff staff;

    public record Task(String id, String kind, String title, String assignee, String role, String customerId, String memberId,
                       String reference, Instant dueAt, String status, String outcome, String note, String createdBy, Instant createdAt,
                       Instant doneAt) {
    }

    /** {@code POST /api/crm/tasks}: checked however it is made. */
    public record NewTask(String kind, String title, String assignee, String role, String memberId, String reference, Instant dueAt) {
        private static final Set<String> FIELDS = Set.of("kind", "title", "assignee", "role", "memberId", "reference", "dueAt");

        public NewTask {
            kind = kind == null ? "follow-up" : kind;
            if (!kind.matches("[a-z0-9][a-z0-9-]{0,59}")) {
                throw Problem.invalidField("kind", "kind is lower-case Latin letters, digits and '-'");
            }
            if (title == null || !Fields.visible(title) || title.length() > 200) {
                throw Problem.invalidField("title", "title is 1 to 200 characters");
            }
            if (assignee == null && role == null) {
                role = "expert";
            }
            if (role != null && !ROLES.contains(role)) {
                throw Problem.invalidField("role", "role is one of " + new java.util.TreeSet<>(ROLES));
            }
            if (memberId != null && !memberId.matches("[A-Za-z0-9-]{1,36}")) {
                throw Problem.invalidField("memberId", "memberId is a member's id");
            }
        }

        public static NewTask read(JsonNode body) {
            Fields f = new Fields(body, FIELDS);
            return new NewTask(f.text("kind", false, 60), f.text("title", true, 200), f.text("assignee", false, 40),
                    f.text("role", false, 20), f.text("memberId", false, 36), f.text("reference", false, 100), f.instant("dueAt"));
        }
    }

    @Activate
    public Tasks(@Reference Database database, @Reference EventLog eventLog, @Reference Customers customers, @Reference Staff staff) {
        this.database = database;
        this.eventLog = eventLog;
        this.customers = customers;
        this.staff = staff;
    }

    public Task create(NewTask t, String createdBy) {
        return insert(t, createdBy, null).orElseThrow();
    }

    /**
     * For routes: a task from the event in the exchange, once per event. Headers: {@code VafaTaskKind}, {@code VafaTaskTitle},
     * optional {@code VafaTaskRole} (expert) and {@code VafaTaskDueMinutes}; the member is the event's {@code memberId} or,
     * for the club's member events, its subject.
     */
    public Optional<Task> fromEvent(Exchange exchange) {
        var in = exchange.getMessage();
        String eventId = in.getHeader(EventHeaders.ID, String.class);
        String type = in.getHeader(EventHeaders.TYPE, String.class);
        Object body = in.getBody();
        Map<?, ?> data = body instanceof Map<?, ?> map ? map : Map.of();
        Object memberId = type != null && type.startsWith("club.member.") ? in.getHeader(EventHeaders.SUBJECT) : data.get("memberId");
        Integer dueMinutes = in.getHeader("VafaTaskDueMinutes", Integer.class);
        NewTask task = new NewTask(in.getHeader("VafaTaskKind", String.class), in.getHeader("VafaTaskTitle", String.class), null,
                in.getHeader("VafaTaskRole", "expert", String.class), memberId == null ? null : memberId.toString(), eventId,
                dueMinutes == null ? null : Instant.now().plus(Duration.ofMinutes(dueMinutes)));
        return insert(task, "route", eventId);
    }

    /** Marks the task done with its outcome (e.g. verified, rejected) and publishes {@code crm.task.completed}. */
    public Task complete(String id, String outcome, String note, String by) {
        if (outcome == null || !outcome.matches("[a-z0-9][a-z0-9-]{0,59}")) {
            throw Problem.invalidField("outcome", "outcome is lower-case Latin letters, digits and '-', e.g. verified");
        }
        if (note != null && (!Fields.visible(note) || note.length() > 2000)) {
            throw Problem.invalidField("note", "note is 1 to 2000 characters");
        }
        return database.inTransaction(tx -> {
            Task task = get(tx, id).orElseThrow(() -> Problem.notFound("No task " + id));
            if (!task.status().equals("open")) {
                throw Problem.conflict("Task " + id + " is " + task.status() + " already");
            }
            Instant now = Instant.now();
            Sql.update(tx, "UPDATE crm_task SET status = 'done', outcome = ?, note = ?, done_at = ? WHERE id = ?", outcome, note, now, id);
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("taskId", id);
            data.put("kind", task.kind());
            data.put("outcome", outcome);
            data.put("memberId", task.memberId());
            data.put("completedBy", by);
            eventLog.append(tx, "crm", "crm.task.completed", task.memberId() != null ? task.memberId() : id, data);
            return get(tx, id).orElseThrow();
        });
    }

    public Optional<Task> get(String id) {
        return database.inTransaction(tx -> get(tx, id));
    }

    /** Tasks, soonest due first: of one status, one assignee (theirs and their roles'), one member, or all. */
    public List<Task> list(String status, String assignee, String memberId, int limit) {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("1 = 1");
        if (status != null) {
            where.append(" AND status = ?");
            params.add(status);
        }
        if (memberId != null) {
            where.append(" AND member_id = ?");
            params.add(memberId);
        }
        if (assignee != null) {
            Staff.Person person = staff.get(assignee).orElseThrow(() -> Problem.invalidField("assignee", "No member of staff " + assignee));
            where.append(" AND (assignee = ?");
            params.add(assignee);
            for (String role : person.roles()) {
                where.append(" OR (assignee IS NULL AND role = ?)");
                params.add(role);
            }
            where.append(")");
        }
        params.add(limit);
        return database.inTransaction(tx -> Sql.list(tx, "SELECT " + COLUMNS + " FROM crm_task WHERE " + where
                + " ORDER BY CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, created_at LIMIT ?", Tasks::task, params.toArray()));
    }

    private Optional<Task> insert(NewTask t, String createdBy, String sourceEvent) {
        return database.inTransaction(tx -> {
            if (sourceEvent != null && Sql.one(tx, "SELECT 1 FROM crm_task WHERE source_event = ?", rs -> 1, sourceEvent).isPresent()) {
                return Sql.one(tx, "SELECT " + COLUMNS + " FROM crm_task WHERE source_event = ?", Tasks::task, sourceEvent);
            }
            if (t.assignee() != null && staff.get(tx, t.assignee()).isEmpty()) {
                throw Problem.invalidField("assignee", "No member of staff " + t.assignee());
            }
            String customerId = t.memberId() == null ? null : customers.ofMember(tx, t.memberId()).id();
            String id = UUID.randomUUID().toString();
            Sql.update(tx, "INSERT INTO crm_task (id, kind, title, assignee, role, customer_id, member_id, reference, due_at, status,"
                    + " source_event, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)", id, t.kind(), t.title().trim(),
                    t.assignee(), t.role(), customerId, t.memberId(), t.reference(), t.dueAt(), sourceEvent, createdBy, Instant.now());
            return get(tx, id);
        });
    }

    private Optional<Task> get(java.sql.Connection tx, String id) throws SQLException {
        return Sql.one(tx, "SELECT " + COLUMNS + " FROM crm_task WHERE id = ?", Tasks::task, id);
    }

    private static final String COLUMNS = "id, kind, title, assignee, role, customer_id, member_id, reference, due_at, status, outcome,"
            + " note, created_by, created_at, done_at";

    private static Task task(java.sql.ResultSet rs) throws SQLException {
        return new Task(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), Sql.instant(rs, 9), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getString(13), Sql.instant(rs, 14), Sql.instant(rs, 15));
    }
}
