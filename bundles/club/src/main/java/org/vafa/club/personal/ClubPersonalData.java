package org.vafa.club.personal;

import java.time.Instant;
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
import org.vafa.api.personal.Person;
import org.vafa.api.personal.PersonalData;
import org.vafa.api.plugin.PluginReady;
import org.vafa.club.members.Member;
import org.vafa.club.members.MemberJson;
import org.vafa.club.members.Members;

/**
 * The club's part of a member's personal data. Export: the member's file, cards, points, tier, purchases, stored
 * value, vouchers and reward claims. Erasure: names, mobile, e-mail, dates, gender, city and consents are
 * cleared, the cards are given up (their numbers and the mobile may be used afresh), free-text reasons go; the
 * member's row stays as {@code erased} with the amounts the books and reports need (points liability, purchases,
 * stored value), and {@code club.member.erased} is published without personal data.
 */
@Component(service = PersonalData.class, property = PersonalData.PLUGIN + "=club")
public class ClubPersonalData implements PersonalData {
    private final Database database;
    private final EventLog eventLog;
    private final Members members;

    @Activate
    public ClubPersonalData(@Reference Database database, @Reference EventLog eventLog, @Reference Members members,
                            @Reference(target = "(" + PluginReady.NAME + "=club)") PluginReady ready) {
        this.database = database;
        this.eventLog = eventLog;
        this.members = members;
    }

    @Override
    public Section export(Person person) {
        return database.inTransaction(tx -> {
            Optional<Member> member = members.get(tx, person.memberId());
            if (member.isEmpty()) {
                return new Section(Map.of(), "عضوی با این شناسه نیست", "no member with this id");
            }
            String id = person.memberId();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("member", MemberJson.view(member.get()));
            data.put("points", Sql.maps(tx, "SELECT kind, points, source, reverses, release_at, reason, created_at FROM club_points_entry"
                    + " WHERE member_id = ? ORDER BY id", id));
            data.put("tier", Sql.maps(tx, "SELECT tier, since, reason, manual FROM club_member_tier WHERE member_id = ?", id));
            List<Map<String, Object>> purchases = Sql.maps(tx, "SELECT source, amount, currency, purchased_at FROM club_purchase"
                    + " WHERE member_id = ? ORDER BY purchased_at", id);
            data.put("purchases", purchases);
            data.put("storedValue", Sql.maps(tx, "SELECT kind, amount, currency, source, reverses, created_at FROM club_stored_value_entry"
                    + " WHERE member_id = ? ORDER BY id", id));
            data.put("vouchers", Sql.maps(tx, "SELECT code, batch_id, uses, issued_at FROM club_voucher WHERE member_id = ? ORDER BY issued_at",
                    id));
            data.put("voucherUses", Sql.maps(tx, "SELECT code, source, discount, used_at, released_at FROM club_voucher_use WHERE member_id = ?"
                    + " ORDER BY used_at", id));
            data.put("rewardClaims", Sql.maps(tx, "SELECT reward_id, quantity, points, status, claimed_at, cancelled_at FROM club_reward_claim"
                    + " WHERE member_id = ? ORDER BY claimed_at", id));
            int entries = ((List<?>) data.get("points")).size();
            return new Section(data,
                    "پروندهٔ عضو، " + member.get().cards().size() + " کارت، " + entries + " ردیف امتیاز، " + purchases.size() + " خرید",
                    "the member's file, " + member.get().cards().size() + " cards, " + entries + " points entries, " + purchases.size()
                            + " purchases");
        });
    }

    @Override
    public Erased erase(Person person, String erasureId) {
        return database.inTransaction(tx -> {
            String id = person.memberId();
            if (Sql.one(tx, "SELECT status FROM club_member WHERE id = ?", rs -> rs.getString(1), id).isEmpty()) {
                return new Erased(0, "no member with this id");
            }
            Members.lock(tx, id);
            Instant now = Instant.now();
            int records = Sql.update(tx, "UPDATE club_member SET first_name = '', last_name = '', search_name = '', mobile = NULL,"
                    + " email = NULL, birth_date = NULL, anniversary = NULL, gender = 'UNKNOWN', city = NULL, consent_sms = FALSE,"
                    + " consent_email = FALSE, status = 'ERASED', left_at = COALESCE(left_at, ?), updated_at = ? WHERE id = ?", now, now, id);
            Sql.update(tx, "DELETE FROM club_member_name_token WHERE member_id = ?", id);
            int cards = Sql.update(tx, "DELETE FROM club_card WHERE member_id = ?", id);
            int reasons = Sql.update(tx, "UPDATE club_points_entry SET reason = NULL WHERE member_id = ? AND reason IS NOT NULL", id)
                    + Sql.update(tx, "UPDATE club_member_tier SET reason = '' WHERE member_id = ?", id);
            if (records > 0) {
                eventLog.append(tx, "club", "club.member.erased", id, Map.of("erasureId", erasureId));
            }
            return new Erased(records + cards + reasons, "member file anonymised, " + cards + " cards given up, " + reasons
                    + " free-text reasons removed; points, purchases, stored value and vouchers kept as amounts");
        });
    }
}
