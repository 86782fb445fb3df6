package org.vafa.sms.personal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.vafa.api.crypto.Sha256;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.personal.Person;
import org.vafa.api.personal.PersonalData;
import org.vafa.api.personal.Redaction;
import org.vafa.api.plugin.PluginReady;
import org.vafa.sms.api.SmsGateway;
import org.vafa.sms.gateways.DevGateway;

/**
 * The SMS part of a member's personal data: the messages sent to them and received from them (found by member
 * id or by their numbers) and their opt-outs. An erasure clears the texts and numbers of those messages (counts,
 * types, statuses and times stay for the reports), skips the ones still queued, and keeps an opt-out as the
 * number's hash only, so that the erased person is still never texted marketing. The development gateway's
 * outbox file loses their numbers and texts too.
 */
@Component(service = PersonalData.class, property = PersonalData.PLUGIN + "=sms")
public class SmsPersonalData implements PersonalData {
    private final Database database;
    private final SmsGateway devGateway;

    /** @param devGateway the development gateway, whose outbox file holds texts too (null when it is not there) */
    @Activate
    public SmsPersonalData(@Reference Database database,
                           @Reference(target = "(gateway=dev)", cardinality = ReferenceCardinality.OPTIONAL) SmsGateway devGateway,
                           @Reference(target = "(" + PluginReady.NAME + "=sms)") PluginReady ready) {
        this.database = database;
        this.devGateway = devGateway;
    }

    @Override
    public Section export(Person person) {
        return database.inTransaction(tx -> {
            Map<String, Object> data = new LinkedHashMap<>();
            List<Object> params = new ArrayList<>(List.of(person.memberId()));
            params.addAll(person.mobiles());
            List<Map<String, Object>> messages = Sql.maps(tx, "SELECT id, direction, phone, message_type, sender_line, body, status,"
                    + " reason, created_at, sent_at, delivered_at FROM sms_message WHERE " + whereMine(person) + " ORDER BY created_at",
                    params.toArray());
            data.put("messages", messages);
            List<Map<String, Object>> optOuts = new ArrayList<>();
            for (String mobile : person.mobiles()) {
                optOuts.addAll(Sql.maps(tx, "SELECT phone, opted_out_at, via FROM sms_opt_out WHERE phone = ?", mobile));
            }
            data.put("optOuts", optOuts);
            return new Section(data, messages.size() + " پیامک" + (optOuts.isEmpty() ? "" : "، لغو دریافت پیامک تبلیغاتی"),
                    messages.size() + " text messages" + (optOuts.isEmpty() ? "" : ", opted out of marketing texts"));
        });
    }

    @Override
    public Erased erase(Person person, String erasureId) {
        return database.inTransaction(tx -> {
            List<Object> params = new ArrayList<>(List.of(person.memberId()));
            params.addAll(person.mobiles());
            String where = whereMine(person);
            List<Object> skip = new ArrayList<>(List.of("erased on the member's request"));
            skip.addAll(params);
            int skipped = Sql.update(tx, "UPDATE sms_message SET status = 'SKIPPED', reason = ?, next_attempt_at = NULL WHERE status"
                    + " IN ('QUEUED', 'PARKED') AND (" + where + ")", skip.toArray());
            List<Object> clear = new ArrayList<>(List.of(Redaction.ERASED));
            clear.addAll(params);
            int messages = Sql.update(tx, "UPDATE sms_message SET body = ?, phone = '', member_id = NULL WHERE " + where, clear.toArray());
            int optOuts = 0;
            for (String mobile : person.mobiles()) {
                for (Instant at : Sql.list(tx, "SELECT opted_out_at FROM sms_opt_out WHERE phone = ?", rs -> Sql.instant(rs, 1), mobile)) {
                    String hash = Sha256.hex(mobile);
                    if (Sql.one(tx, "SELECT 1 FROM sms_opt_out_hashed WHERE phone_hash = ?", rs -> 1, hash).isEmpty()) {
                        Sql.update(tx, "INSERT INTO sms_opt_out_hashed (phone_hash, opted_out_at) VALUES (?, ?)", hash, at);
                    }
                    optOuts += Sql.update(tx, "DELETE FROM sms_opt_out WHERE phone = ?", mobile);
                }
            }
            int outboxLines;
            try {
                outboxLines = devGateway instanceof DevGateway dev ? dev.erase(new Redaction(person)) : 0;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return new Erased(messages + optOuts + outboxLines, messages + " messages' texts and numbers erased (" + skipped
                    + " not yet sent were skipped), " + optOuts + " opt-outs kept as hashes, " + outboxLines
                    + " lines of the development outbox erased");
        });
    }

    /** The messages of the member or of one of their numbers; parameters: the member id, then each mobile. */
    private static String whereMine(Person person) {
        StringBuilder where = new StringBuilder("member_id = ?");
        person.mobiles().forEach(m -> where.append(" OR phone = ?"));
        return where.toString();
    }
}
