package org.vafa.club.tiers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.events.EventLog;
import org.vafa.api.rest.Problem;
import org.vafa.api.db.Sql;
import org.vafa.club.members.MemberJson;
import org.vafa.club.members.Members;
import org.vafa.club.rules.ClubRules;
import org.vafa.club.rules.RuleSet;

/**
 * Members' tiers under the programme's {@code tiers}: up at once when the window's spend (or points) reach a
 * level, down only at re-qualification (or when a refund takes away the spend that just raised it),
 * never automatically while staff have set the tier by hand. Each change is a {@code club.tier.changed}
 * event with its reason. Routes reach it as {@code bean:clubTiers}.
 */
@Component(service = MemberTiers.class, property = "name=clubTiers")
public class MemberTiers {
    @Reference
    private Database database;
    @Reference
    private EventLog eventLog;
    @Reference
    private ClubRules rules;
    @Reference
    private Members members; // schema first

    public record TierState(String tier, Instant since, String reason, boolean manual) {
    }

    public MemberTiers() {
    }

    /** Outside OSGi (tests). */
    public MemberTiers(Database database, EventLog eventLog, ClubRules rules) {
        this.database = database;
        this.eventLog = eventLog;
        this.rules = rules;
    }

    public Optional<TierState> tier(String memberId) {
        return database.inTransaction(tx -> state(tx, memberId));
    }

    /** In the caller's transaction. */
    public Optional<TierState> tier(Connection tx, String memberId) throws SQLException {
        return state(tx, memberId);
    }

    /** The tier that counts now for earning (null if the programme has no tiers). */
    public String tierFor(Connection tx, String memberId) throws SQLException {
        RuleSet.Tiers tiers = tiers();
        if (tiers == null) {
            return null;
        }
        return state(tx, memberId).map(TierState::tier).orElse(tiers.levels().get(0).name());
    }

    /** Where a member stands: their tier, what counts for tiers in the window so far, and the next level and its threshold. */
    public record TierProgress(String tier, String basis, int windowMonths, BigDecimal counted, String next, BigDecimal nextFrom) {
    }

    /** The member's progress to the next tier (empty when the programme has no tiers); {@code next} null at the top. */
    public Optional<TierProgress> progress(String memberId, Instant now) {
        RuleSet.Tiers tiers = tiers();
        if (tiers == null) {
            return Optional.empty();
        }
        return Optional.of(database.inTransaction(tx -> {
            String tier = tierFor(tx, memberId);
            BigDecimal counted = windowTotal(tx, memberId, tiers, now);
            RuleSet.Tiers.Level next = tiers.levels().stream().filter(l -> tiers.rank(l.name()) > tiers.rank(tier)).findFirst().orElse(null);
            return new TierProgress(tier, basis(tiers), tiers.windowMonths(), counted, next == null ? null : next.name(),
                    next == null ? null : next.from());
        }));
    }

    /** After a purchase: up at once if the window's spend reaches a higher level. */
    public void afterSpend(Connection tx, String memberId, Instant now) throws SQLException {
        RuleSet.Tiers tiers = tiers();
        if (tiers == null) {
            return;
        }
        String qualifies = tiers.levelFor(windowTotal(tx, memberId, tiers, now));
        Optional<TierState> state = state(tx, memberId);
        String current = state.map(TierState::tier).orElse(tiers.levels().get(0).name());
        if (state.isEmpty() || (!state.get().manual() && tiers.rank(qualifies) > tiers.rank(current))) {
            change(tx, memberId, state, qualifies, basis(tiers) + " over " + tiers.windowMonths() + " months reached " + qualifies, false, now);
        }
    }

    /** After a refund: if the tier was reached in this window and the spend no longer holds it, it goes at once. */
    public void afterRefund(Connection tx, String memberId, Instant now) throws SQLException {
        RuleSet.Tiers tiers = tiers();
        Optional<TierState> state = state(tx, memberId);
        if (tiers == null || state.isEmpty() || state.get().manual()) {
            return;
        }
        String qualifies = tiers.levelFor(windowTotal(tx, memberId, tiers, now));
        boolean reachedThisWindow = state.get().since().isAfter(windowStart(tiers, now));
        if (reachedThisWindow && tiers.rank(qualifies) < tiers.rank(state.get().tier())) {
            change(tx, memberId, state, qualifies, "a refund took the window's total below " + state.get().tier(), false, now);
        }
    }

    /**
     * Re-qualification, for the daily route: a member whose tier is older than the window plus the
     * grace keeps it (from now on) if the window's spend still holds it, else drops to what it holds.
     */
    public List<String> requalifyDue(Instant now) {
        RuleSet.Tiers tiers = tiers();
        if (tiers == null) {
            return List.of();
        }
        Instant due = now.atZone(ZoneOffset.UTC).minusMonths(tiers.windowMonths() + tiers.graceMonths()).toInstant();
        List<String> candidates = database.inTransaction(tx -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = tx.prepareStatement("SELECT member_id FROM club_member_tier WHERE manual = FALSE AND since <= ?")) {
                ps.setTimestamp(1, Timestamp.from(due));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
        List<String> dropped = new ArrayList<>();
        for (String memberId : candidates) {
            boolean down = database.inTransaction(tx -> {
                Members.lock(tx, memberId);
                Optional<TierState> state = state(tx, memberId);
                if (state.isEmpty() || state.get().manual() || state.get().since().isAfter(due)) {
                    return false;
                }
                String qualifies = tiers.levelFor(windowTotal(tx, memberId, tiers, now));
                if (tiers.rank(qualifies) < tiers.rank(state.get().tier())) {
                    change(tx, memberId, state, qualifies, "re-qualification: the " + basis(tiers) + " of the last " + tiers.windowMonths()
                            + " months holds " + qualifies, false, now);
                    return true;
                }
                // re-qualified: the tier holds for another window
                upsert(tx, memberId, state.get().tier(), now, "re-qualified for " + state.get().tier(), false, true);
                return false;
            });
            if (down) {
                dropped.add(memberId);
            }
        }
        return dropped;
    }

    /** For the daily route: {@code bean:clubTiers?method=requalifyDueNow}. */
    public List<String> requalifyDueNow() {
        return requalifyDue(Instant.now());
    }

    /** Staff set a tier by hand; automatic changes leave it alone until {@link #clearManual}. */
    public TierState setManual(String memberId, String tier, String reason, String operator) {
        RuleSet.Tiers tiers = tiers();
        if (tiers == null) {
            throw Problem.conflict("The programme in force has no tiers");
        }
        if (tiers.rank(tier) < 0) {
            throw Problem.invalidField("tier", "'" + tier + "' is not a tier of the programme");
        }
        if (reason == null || reason.isBlank() || reason.length() > 400) {
            throw Problem.invalidField("reason", "A tier set by hand needs a reason (1 to 400 characters)");
        }
        Instant now = Instant.now();
        return database.inTransaction(tx -> {
            Members.lock(tx, memberId);
            change(tx, memberId, state(tx, memberId), tier, reason.trim() + " (set by " + operator + ")", true, now);
            return state(tx, memberId).orElseThrow();
        });
    }

    /** Back to the tier the spend holds. */
    public TierState clearManual(String memberId) {
        RuleSet.Tiers tiers = tiers();
        if (tiers == null) {
            throw Problem.conflict("The programme in force has no tiers");
        }
        Instant now = Instant.now();
        return database.inTransaction(tx -> {
            Members.lock(tx, memberId);
            String qualifies = tiers.levelFor(windowTotal(tx, memberId, tiers, now));
            change(tx, memberId, state(tx, memberId), qualifies, "tier set by hand was cleared; the " + basis(tiers) + " holds " + qualifies, false, now);
            return state(tx, memberId).orElseThrow();
        });
    }

    // --- helpers -------------------------------------------------------------------------------------

    private RuleSet.Tiers tiers() {
        return rules.current().map(v -> v.rules().tiers()).orElse(null);
    }

    private static String basis(RuleSet.Tiers tiers) {
        return tiers.basis() == RuleSet.Tiers.Basis.SPEND ? "spend" : "points earned";
    }

    private static Instant windowStart(RuleSet.Tiers tiers, Instant now) {
        return now.atZone(ZoneOffset.UTC).minusMonths(tiers.windowMonths()).toInstant();
    }

    /** What the window holds on the programme's basis: money spent, or points earned (less what refunds took back). */
    private static BigDecimal windowTotal(Connection tx, String memberId, RuleSet.Tiers tiers, Instant now) throws SQLException {
        Instant start = windowStart(tiers, now);
        if (tiers.basis() == RuleSet.Tiers.Basis.SPEND) {
            return Sql.decimal(tx, "SELECT COALESCE(SUM(amount), 0) FROM club_purchase WHERE member_id = ? AND purchased_at > ?"
                    + " AND purchased_at <= ?", memberId, start, now);
        }
        // no upper bound: points are written at the real time, just after a sale took its "now"
        return Sql.decimal(tx, "SELECT COALESCE(SUM(points), 0) FROM club_points_entry WHERE member_id = ?"
                + " AND kind IN ('EARN', 'REVERSE_EARN') AND created_at > ?", memberId, start);
    }

    private static Optional<TierState> state(Connection tx, String memberId) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("SELECT tier, since, reason, manual FROM club_member_tier WHERE member_id = ?")) {
            ps.setString(1, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new TierState(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getBoolean(4))) : Optional.empty();
            }
        }
    }

    private void change(Connection tx, String memberId, Optional<TierState> before, String tier, String reason, boolean manual,
                        Instant now) throws SQLException {
        upsert(tx, memberId, tier, now, reason, manual, before.isPresent());
        RuleSet.Tiers levels = tiers();
        // a member without a tier row was at the lowest level
        String from = before.map(TierState::tier).orElse(levels == null ? null : levels.levels().get(0).name());
        if (tier.equals(from)) {
            return; // the tier did not change (set by hand to the one held, or confirmed at the lowest level): no event
        }
        ObjectNode data = MemberJson.MAPPER.createObjectNode();
        data.put("memberId", memberId);
        data.put("from", from);
        data.put("to", tier);
        data.put("reason", reason);
        data.put("manual", manual);
        int fromRank = levels == null ? 0 : Math.max(0, before.map(b -> levels.rank(b.tier())).orElse(0));
        int toRank = levels == null ? 0 : levels.rank(tier);
        data.put("direction", toRank > fromRank ? "up" : toRank < fromRank ? "down" : "same");
        eventLog.append(tx, "club", "club.tier.changed", memberId, data);
    }

    private static void upsert(Connection tx, String memberId, String tier, Instant since, String reason, boolean manual,
                               boolean exists) throws SQLException {
        String sql = exists
                ? "UPDATE club_member_tier SET tier = ?, since = ?, reason = ?, manual = ? WHERE member_id = ?"
                : "INSERT INTO club_member_tier (tier, since, reason, manual, member_id) VALUES (?, ?, ?, ?, ?)";
        try (PreparedStatement ps = tx.prepareStatement(sql)) {
            ps.setString(1, tier);
            ps.setTimestamp(2, Timestamp.from(since));
            ps.setString(3, reason.length() > 500 ? reason.substring(0, 500) : reason);
            ps.setBoolean(4, manual);
            ps.setString(5, memberId);
            ps.executeUpdate();
        }
    }
}
