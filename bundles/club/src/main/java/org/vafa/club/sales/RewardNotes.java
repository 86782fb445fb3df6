package org.vafa.club.sales;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.vafa.api.db.Sql;
import org.vafa.api.events.EventLog;
import org.vafa.club.points.PointsLedger;
import org.vafa.club.rules.RuleSet;
import org.vafa.club.vouchers.Vouchers;

/**
 * Points that become a reward by themselves (the programme's {@code notes}): after a sale, each full {@code every}
 * points of the member's available balance is redeemed for a voucher of {@code value} bound to the member (one batch
 * of one code, valid {@code validDays}), announced as {@code club.note.issued} (a route texts the member). In the
 * sale's transaction, with the member locked, so two tills crossing the threshold at once issue one note. A refund
 * that leaves the balance below zero voids the newest notes not used yet (their codes end, their points come back)
 * until it is not; a used note stays, and the balance stays below zero as it would without notes.
 */
final class RewardNotes {
    private final PointsLedger points;
    private final Vouchers vouchers;
    private final EventLog eventLog;

    RewardNotes(PointsLedger points, Vouchers vouchers, EventLog eventLog) {
        this.points = points;
        this.vouchers = vouchers;
        this.eventLog = eventLog;
    }

    /** The notes the member's balance holds now, issued; none when the programme has no notes. */
    List<String> issueDue(Connection tx, String memberId, RuleSet rules, Instant at, String source) throws SQLException {
        List<String> issued = new ArrayList<>();
        RuleSet.Notes notes = rules == null ? null : rules.notes();
        if (notes == null) {
            return issued;
        }
        long available = points.balance(tx, memberId).available();
        while (available >= notes.every()) {
            String id = UUID.randomUUID().toString();
            Instant validTo = at.plus(Duration.ofDays(notes.validDays()));
            points.redeem(tx, memberId, notes.every(), "note:" + id);
            Vouchers.Batch batch = vouchers.createBatch(tx, new Vouchers.NewBatch("Reward note", Vouchers.Kind.AMOUNT, notes.value(), null,
                    rules.currency(), null, at, validTo, 1, null, List.of(memberId), "NOTE"), "club");
            String code = Sql.one(tx, "SELECT code FROM club_voucher WHERE batch_id = ?", rs -> rs.getString(1), batch.id()).orElseThrow();
            Sql.update(tx, "INSERT INTO club_note (id, member_id, points, face_value, currency, voucher_code, source, status, issued_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, 'ISSUED', ?)", id, memberId, notes.every(), notes.value(), rules.currency(), code, source, at);
            eventLog.append(tx, "club", "club.note.issued", memberId, Map.of("memberId", memberId, "noteId", id, "code", code,
                    "value", notes.value(), "currency", rules.currency(), "points", notes.every(), "validTo", validTo.toString()));
            issued.add(id);
            available -= notes.every();
        }
        return issued;
    }

    /** After a refund took points back: the newest unused notes voided while the available balance is below zero. */
    int voidWhileShort(Connection tx, String memberId, String refund, Instant at) throws SQLException {
        long available = points.balance(tx, memberId).available();
        int voided = 0;
        if (available >= 0) {
            return voided;
        }
        record Note(String id, long points, String code, String batchId, int uses) {
        }
        List<Note> open = Sql.list(tx, "SELECT n.id, n.points, n.voucher_code, v.batch_id, v.uses FROM club_note n JOIN club_voucher v"
                + " ON v.code = n.voucher_code WHERE n.member_id = ? AND n.status = 'ISSUED' ORDER BY n.issued_at DESC, n.id",
                rs -> new Note(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getInt(5)), memberId);
        for (Note n : open) {
            if (available >= 0) {
                break;
            }
            if (n.uses() > 0) {
                continue; // spent already: it stays, as the points would have
            }
            Sql.update(tx, "UPDATE club_note SET status = 'VOID', voided_at = ?, voided_by = ? WHERE id = ?", at, refund, n.id());
            vouchers.endBatch(tx, n.batchId(), at);
            points.earn(tx, memberId, n.points(), "note:" + n.id() + ":void", null);
            eventLog.append(tx, "club", "club.note.voided", memberId, Map.of("memberId", memberId, "noteId", n.id(), "code", n.code(),
                    "refund", refund));
            available += n.points();
            voided++;
        }
        return voided;
    }
}
