package org.vafa.pos.personal;

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
 * The registers' part of a member's personal data: the member's sales and refunds. An erasure takes the card and
 * mobile the register sent (and any other personal field) out of the stored requests and answers; the sale, its
 * lines, totals and refunds stay for the books, tied to the member's id, which names no one any more.
 */
@Component(service = PersonalData.class, property = PersonalData.PLUGIN + "=pos")
public class PosPersonalData implements PersonalData {
    private final Database database;

    @Activate
    public PosPersonalData(@Reference Database database, @Reference(target = "(" + PluginReady.NAME + "=pos)") PluginReady ready) {
        this.database = database;
    }

    @Override
    public Section export(Person person) {
        return database.inTransaction(tx -> {
            List<Map<String, Object>> sales = Sql.maps(tx, "SELECT id, terminal_id, receipt, branch_code, sold_at, currency, subtotal,"
                    + " total, status FROM pos_sale WHERE member_id = ? ORDER BY sold_at", person.memberId());
            for (Map<String, Object> sale : sales) {
                sale.put("lines", Sql.maps(tx, "SELECT sku, category, quantity, unit_price FROM pos_sale_line WHERE sale_id = ?"
                        + " ORDER BY line_no", sale.get("id")));
                sale.put("refunds", Sql.maps(tx, "SELECT refund_no, terminal_id, amount, created_at FROM pos_refund WHERE sale_id = ?"
                        + " ORDER BY created_at", sale.get("id")));
            }
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("sales", sales);
            return new Section(data, sales.size() + " خرید در صندوق‌ها", sales.size() + " sales at the registers");
        });
    }

    @Override
    public Erased erase(Person person, String erasureId) {
        Redaction redaction = new Redaction(person);
        return database.inTransaction(tx -> {
            int changed = 0;
            for (Object[] sale : Sql.list(tx, "SELECT id, request_json, answer_json FROM pos_sale WHERE member_id = ?",
                    rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getString(3)}, person.memberId())) {
                String request = redacted(redaction, (String) sale[1]);
                String answer = redacted(redaction, (String) sale[2]);
                if (request != null || answer != null) {
                    Sql.update(tx, "UPDATE pos_sale SET request_json = COALESCE(?, request_json), answer_json = COALESCE(?, answer_json)"
                            + " WHERE id = ?", request, answer, sale[0]);
                    changed++;
                }
                for (Object[] refund : Sql.list(tx, "SELECT refund_no, answer_json FROM pos_refund WHERE sale_id = ?",
                        rs -> new Object[] {rs.getString(1), rs.getString(2)}, sale[0])) {
                    String refundAnswer = redacted(redaction, (String) refund[1]);
                    if (refundAnswer != null) {
                        Sql.update(tx, "UPDATE pos_refund SET answer_json = ? WHERE sale_id = ? AND refund_no = ?", refundAnswer, sale[0],
                                refund[0]);
                        changed++;
                    }
                }
            }
            return new Erased(changed, changed + " stored sale requests and answers redacted; sales, lines and totals kept");
        });
    }

    /** The JSON without the person's data, or null when it held none. */
    private static String redacted(Redaction redaction, String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode tree = RestJson.MAPPER.readTree(json);
            return redaction.redact(tree) ? RestJson.MAPPER.writeValueAsString(tree) : null;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A stored sale is not JSON", e);
        }
    }
}
