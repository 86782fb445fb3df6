package org.vafa.crm.tickets;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;

/**
 * How the service desk is doing, over the tickets filed in a period: open tickets and SLA breaches (escalated at least
 * once, or open past the deadline now) per expert and per category, and satisfaction per expert.
 */
@Component(service = TicketReports.class)
public class TicketReports {
    private final Database database;

    /** One row: an expert's (or a category's) tickets; {@code satisfaction} is good answers over all answers, or null. */
    public record Row(String key, long filed, long open, long breached, long resolved, long ratedGood, long ratedBad, Double satisfaction) {
    }

    public record Report(Instant from, Instant to, List<Row> byExpert, List<Row> byCategory) {
    }

    @Activate
    public TicketReports(@Reference Database database) {
        this.database = database;
    }

    public Report tickets(Instant from, Instant to) {
        Instant now = Instant.now();
        return database.inTransaction(tx -> new Report(from, to,
                Sql.list(tx, select("COALESCE(expert_id, '-')"), TicketReports::row, now, from, to),
                Sql.list(tx, select("category"), TicketReports::row, now, from, to)));
    }

    private static String select(String key) {
        return "SELECT " + key + ", COUNT(*),"
                + " SUM(CASE WHEN status IN ('new', 'acknowledged', 'in_progress', 'waiting_on_customer') THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN escalation_level > 0 OR (due_at IS NOT NULL AND due_at < ?) THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN status IN ('resolved', 'closed') THEN 1 ELSE 0 END),"
                + " SUM(CASE WHEN rating = 'good' THEN 1 ELSE 0 END), SUM(CASE WHEN rating = 'bad' THEN 1 ELSE 0 END)"
                + " FROM crm_ticket WHERE filed_at >= ? AND filed_at < ? GROUP BY " + key + " ORDER BY " + key;
    }

    private static Row row(ResultSet rs) throws SQLException {
        long good = rs.getLong(6);
        long bad = rs.getLong(7);
        return new Row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), good, bad,
                good + bad == 0 ? null : (double) good / (good + bad));
    }
}
