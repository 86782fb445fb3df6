package org.vafa.crm.personal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.personal.Person;
import org.vafa.api.personal.PersonalData;
import org.vafa.api.personal.Redaction;
import org.vafa.api.plugin.PluginReady;
import org.vafa.api.rest.RestJson;

/**
 * The CRM's part of a member's personal data: the customer file, its timeline and the tickets. An erasure clears the
 * file's names and contact points, redacts the timeline entries' data and replaces the tickets' subjects and texts and
 * the tasks' titles and notes; sales documents are the books and stay (they hold no names);
 * the entries, tickets, their categories, statuses and times stay for the reports.
 */
@Component(service = PersonalData.class, property = PersonalData.PLUGIN + "=crm")
public class CrmPersonalData implements PersonalData {
    private final Database database;

    @Activate
    public CrmPersonalData(@Reference Database database, @Reference(target = "(" + PluginReady.NAME + "=crm)") PluginReady ready) {
        this.database = database;
    }

    @Override
    public Section export(Person person) {
        return database.inTransaction(tx -> {
            List<Map<String, Object>> customer = Sql.maps(tx, "SELECT id, member_id, first_name, last_name, mobile, email, created_at"
                    + " FROM crm_customer WHERE member_id = ?", person.memberId());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("customer", customer.isEmpty() ? null : customer.get(0));
            List<Map<String, Object>> timeline = Sql.maps(tx, "SELECT t.kind, t.event_type, t.occurred_at, t.data_json FROM crm_timeline t"
                    + " JOIN crm_customer c ON c.id = t.customer_id WHERE c.member_id = ? ORDER BY t.id", person.memberId());
            data.put("timeline", timeline);
            List<Map<String, Object>> tickets = Sql.maps(tx, "SELECT t.number, t.category, t.priority, t.subject, t.text, t.status,"
                    + " t.filed_at, t.rating, t.rating_comment FROM crm_ticket t JOIN crm_customer c ON c.id = t.customer_id WHERE c.member_id = ? ORDER BY t.number",
                    person.memberId());
            data.put("tickets", tickets);
            data.put("surveys", Sql.maps(tx, "SELECT i.survey_id, i.invited_at, i.answered_at, i.answers_json FROM crm_survey_invitation i"
                    + " JOIN crm_customer c ON c.id = i.customer_id WHERE c.member_id = ? ORDER BY i.invited_at", person.memberId()));
            data.put("ticketReplies", Sql.maps(tx, "SELECT t.number, r.kind, r.text, r.created_at FROM crm_ticket_reply r JOIN crm_ticket t"
                    + " ON t.id = r.ticket_id JOIN crm_customer c ON c.id = t.customer_id WHERE c.member_id = ? AND r.kind <> 'note'"
                    + " ORDER BY r.id", person.memberId()));
            data.put("documents", Sql.maps(tx, "SELECT d.kind, d.number, d.status, d.currency, d.total, d.lines_json, d.created_at"
                    + " FROM crm_document d JOIN crm_customer c ON c.id = d.customer_id WHERE c.member_id = ? ORDER BY d.created_at",
                    person.memberId()));
            data.put("tasks", Sql.maps(tx, "SELECT kind, title, status, outcome, note, due_at, created_at, done_at FROM crm_task"
                    + " WHERE member_id = ? ORDER BY created_at", person.memberId()));
            return new Section(data, "پروندهٔ مشتری با " + timeline.size() + " رویداد و " + tickets.size() + " تیکت",
                    "the customer file with " + timeline.size() + " timeline entries and " + tickets.size() + " tickets");
        });
    }

    @Override
    public Erased erase(Person person, String erasureId) {
        Redaction redaction = new Redaction(person);
        return database.inTransaction(tx -> {
            List<String> ids = Sql.list(tx, "SELECT id FROM crm_customer WHERE member_id = ?", rs -> rs.getString(1), person.memberId());
            int records = 0;
            for (String id : ids) {
                records += Sql.update(tx, "UPDATE crm_customer SET first_name = NULL, last_name = NULL, mobile = NULL, email = NULL"
                        + " WHERE id = ? AND (first_name IS NOT NULL OR last_name IS NOT NULL OR mobile IS NOT NULL OR email IS NOT NULL)", id);
                for (Object[] entry : Sql.list(tx, "SELECT id, data_json FROM crm_timeline WHERE customer_id = ?",
                        rs -> new Object[] {rs.getLong(1), rs.getString(2)}, id)) {
                    JsonNode data = RestJson.parse((String) entry[1]);
                    if (redaction.redact(data)) {
                        Sql.update(tx, "UPDATE crm_timeline SET data_json = ? WHERE id = ?", data.toString(), entry[0]);
                        records++;
                    }
                }
                records += Sql.update(tx, "UPDATE crm_survey_invitation SET answers_json = NULL WHERE customer_id = ? AND answers_json IS NOT NULL",
                        id);
                records += Sql.update(tx, "UPDATE crm_ticket_reply SET text = ? WHERE text <> ? AND ticket_id IN (SELECT id FROM crm_ticket"
                        + " WHERE customer_id = ?)", Redaction.ERASED, Redaction.ERASED, id);
                records += Sql.update(tx, "UPDATE crm_ticket SET subject = ?, text = ?, rating_comment = NULL WHERE customer_id = ? AND"
                        + " text <> ?", Redaction.ERASED, Redaction.ERASED, id, Redaction.ERASED);
            }
            records += Sql.update(tx, "UPDATE crm_task SET title = ?, note = NULL WHERE member_id = ? AND title <> ?", Redaction.ERASED,
                    person.memberId(), Redaction.ERASED);
            return new Erased(records, "customer file cleared, timeline entries redacted, ticket subjects, texts, replies and comments, survey answers and task notes erased ("
                    + records + " records)");
        });
    }
}
