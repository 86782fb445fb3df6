package org.vafa.club.points;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.vafa.club.ClubConfig;
import org.vafa.club.Sources;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.plugin.PluginReady;
import org.vafa.api.events.EventLog;
import org.vafa.api.rest.Problem;
import org.vafa.club.members.MemberJson;

/**
 * The members' points: an append-only ledger; every balance is a sum over it. Each write locks the
 * member's row, so concurrent redemptions cannot overdraw, and is keyed by its source, so a retried
 * or replayed sale never earns twice. Routes reach it as {@code bean:clubPoints}.
 */
@Component(service = PointsLedger.class, property = "name=clubPoints", configurationPid = "org.vafa.club",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class PointsLedger {
    private static final String SOURCE = "club";

    @Reference
    private Database database;
    @Reference
    private EventLog eventLog;
    @Reference(target = "(" + PluginReady.NAME + "=club)")
    private PluginReady ready; // the plugin's tables are there

    private int expireAfterMonths;

    public PointsLedger() {
    }

    @Activate
    void activate(ClubConfig config) {
        expireAfterMonths = config.pointsExpireAfterMonths();
    }

    /** Outside OSGi (tests). */
    public PointsLedger(Database database, EventLog eventLog, int expireAfterMonths) {
        this.database = database;
        this.eventLog = eventLog;
        this.expireAfterMonths = expireAfterMonths;
    }

    public record Balance(String memberId, long available, long pending, long lifetimeEarned, long lifetimeRedeemed) {
    }

    public record Entry(long id, String kind, long points, String source, String reverses, Instant releaseAt, String reason,
                        String operator, Instant createdAt) {
    }

    /** What a write did: {@code applied} is false when the source had been recorded before (a replay). */
    public record Outcome(boolean applied, Balance balance) {
    }

    /**
     * Points earned from a source (a sale, an order, a bonus); spendable from {@code releaseAt} (null: at once).
     */
    public Outcome earn(String memberId, long points, String source, Instant releaseAt) {
        return database.inTransaction(tx -> earn(tx, memberId, points, source, releaseAt));
    }

    /** {@link #earn(String, long, String, Instant)} in the caller's transaction. */
    public Outcome earn(Connection transaction, String memberId, long points, String source, Instant releaseAt) throws SQLException {
        positive(points);
        Sources.require(source, "source");
        return writeIn(transaction, memberId, tx -> {
            if (recorded(tx, memberId, "EARN", source)) {
                return null;
            }
            insert(tx, memberId, "EARN", points, source, null, releaseAt, null, null);
            return event(tx, memberId, "club.points.earned", points, source, releaseAt);
        });
    }

    public Outcome redeem(String memberId, long points, String source) {
        return database.inTransaction(tx -> redeem(tx, memberId, points, source));
    }

    /** Spends available points in the caller's transaction; 409 when there are not enough. */
    public Outcome redeem(Connection transaction, String memberId, long points, String source) throws SQLException {
        positive(points);
        Sources.require(source, "source");
        return writeIn(transaction, memberId, tx -> {
            if (recorded(tx, memberId, "REDEEM", source)) {
                return null;
            }
            long available = sumUp(tx, memberId).available();
            if (available < points) {
                throw new Problem(409, "Not enough points", "The member has " + available + " points available, not " + points, "points");
            }
            insert(tx, memberId, "REDEEM", -points, source, null, null, null, null);
            return event(tx, memberId, "club.points.redeemed", points, source, null);
        });
    }

    /** A correction by staff: any sign, with the reason and who made it. */
    public Outcome adjust(String memberId, long points, String reason, String operator) {
        if (points == 0) {
            throw Problem.invalidField("points", "An adjustment of 0 points changes nothing");
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw Problem.invalidField("reason", "An adjustment needs a reason (1 to 500 characters)");
        }
        return write(memberId, tx -> {
            insert(tx, memberId, "ADJUST", points, null, null, null, reason.trim(), operator);
            return event(tx, memberId, "club.points.adjusted", points, null, null);
        });
    }

    /**
     * A refund: takes back {@code fraction} (0..1] of what {@code source} earned and gives back that
     * share of what it redeemed, never more than is left of either. {@code refund} identifies the
     * refund, so replaying it changes nothing; several partial refunds add up to at most the whole.
     */
    public Outcome reverse(String memberId, String source, String refund, BigDecimal fraction) {
        return database.inTransaction(tx -> reverse(tx, memberId, source, refund, fraction));
    }

    /** {@link #reverse(String, String, String, BigDecimal)} in the caller's transaction. */
    public Outcome reverse(Connection transaction, String memberId, String source, String refund, BigDecimal fraction)
            throws SQLException {
        Sources.require(source, "source");
        Sources.require(refund, "refund");
        if (fraction == null || fraction.signum() <= 0 || fraction.compareTo(BigDecimal.ONE) > 0) {
            throw Problem.invalidField("fraction", "fraction is the refunded share of the sale, more than 0 and at most 1");
        }
        return writeIn(transaction, memberId, tx -> {
            if (recorded(tx, memberId, "REVERSE_EARN", refund) | recorded(tx, memberId, "REVERSE_REDEEM", refund)) {
                return null;
            }
            long earned = sum(tx, "SELECT COALESCE(SUM(points), 0) FROM club_points_entry WHERE member_id = ? AND kind = 'EARN' AND source = ?", memberId, source);
            long earnTaken = -sum(tx, "SELECT COALESCE(SUM(points), 0) FROM club_points_entry WHERE member_id = ? AND kind = 'REVERSE_EARN' AND reverses = ?", memberId, source);
            long redeemed = -sum(tx, "SELECT COALESCE(SUM(points), 0) FROM club_points_entry WHERE member_id = ? AND kind = 'REDEEM' AND source = ?", memberId, source);
            long redeemGiven = sum(tx, "SELECT COALESCE(SUM(points), 0) FROM club_points_entry WHERE member_id = ? AND kind = 'REVERSE_REDEEM' AND reverses = ?", memberId, source);
            if (earned == 0 && redeemed == 0) {
                throw Problem.invalidField("source", "Source " + source + " earned and redeemed nothing for this member");
            }
            long takeBack = Math.min(share(earned, fraction), earned - earnTaken);
            long giveBack = Math.min(share(redeemed, fraction), redeemed - redeemGiven);
            if (takeBack > 0) {
                insert(tx, memberId, "REVERSE_EARN", -takeBack, refund, source, releaseOf(tx, memberId, source), null, null);
            }
            if (giveBack > 0) {
                insert(tx, memberId, "REVERSE_REDEEM", giveBack, refund, source, null, null, null);
            }
            Balance after = sumUp(tx, memberId);
            ObjectNode data = MemberJson.MAPPER.createObjectNode();
            data.put("memberId", memberId);
            data.put("source", source);
            data.put("refund", refund);
            data.put("earnedTakenBack", takeBack);
            data.put("redeemedGivenBack", giveBack);
            data.set("balance", MemberJson.MAPPER.valueToTree(after));
            eventLog.append(tx, SOURCE, "club.points.reversed", memberId, data);
            return after;
        });
    }

    /**
     * Expires what is left of points that became spendable more than the configured months before
     * {@code now}, oldest first: every spend, correction or reversal uses up the oldest points first.
     * Once per member and day (the entry's source is {@code expire:<day>}), so the daily job can run
     * as often as it likes. Returns the members whose points expired.
     */
    public List<String> expireDue(Instant now) {
        if (expireAfterMonths <= 0) {
            return List.of();
        }
        Instant cutoff = now.atZone(java.time.ZoneOffset.UTC).minusMonths(expireAfterMonths).toInstant();
        List<String> candidates = database.inTransaction(tx -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = tx.prepareStatement("SELECT DISTINCT member_id FROM club_points_entry WHERE points > 0"
                    + " AND COALESCE(release_at, created_at) <= ?")) {
                ps.setTimestamp(1, Timestamp.from(cutoff));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
        String day = "expire:" + now.atZone(java.time.ZoneOffset.UTC).toLocalDate();
        List<String> expired = new ArrayList<>();
        for (String memberId : candidates) {
            Outcome outcome = write(memberId, tx -> {
                if (recorded(tx, memberId, "EXPIRE", day + ":" + memberId)) {
                    return null;
                }
                long due = Lots.expiring(entries(tx, memberId), cutoff, now);
                if (due <= 0) {
                    return null;
                }
                insert(tx, memberId, "EXPIRE", -due, day + ":" + memberId, null, null, null, null);
                return event(tx, memberId, "club.points.expired", due, day, null);
            });
            if (outcome.applied()) {
                expired.add(memberId);
            }
        }
        return expired;
    }

    /** For the daily route: {@code bean:clubPoints?method=expireDueNow}. */
    public List<String> expireDueNow() {
        return expireDue(Instant.now());
    }

    /**
     * Pending points that have become spendable are announced once each ({@code club.points.released},
     * e.g. for a "your points are ready" SMS): a 0-point RELEASE entry keyed by the earn marks it, so
     * the daily route can run as often as it likes. What a refund took back before is not announced.
     * Returns how many earns were announced.
     */
    public int announceReleased(Instant now) {
        List<Object[]> due = database.inTransaction(tx -> org.vafa.api.db.Sql.list(tx,
                "SELECT e.id, e.member_id, e.source, e.release_at FROM club_points_entry e WHERE e.kind = 'EARN'"
                + " AND e.release_at IS NOT NULL AND e.release_at <= ? AND NOT EXISTS (SELECT 1 FROM club_points_entry r"
                + " WHERE r.kind = 'RELEASE' AND r.source = CONCAT('release:', CAST(e.id AS VARCHAR(20)))) ORDER BY e.release_at, e.id",
                rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), org.vafa.api.db.Sql.instant(rs, 4)}, now));
        int announced = 0;
        for (Object[] earn : due) {
            String memberId = (String) earn[1];
            String source = (String) earn[2];
            String marker = "release:" + earn[0];
            Outcome outcome = write(memberId, tx -> {
                if (recorded(tx, memberId, "RELEASE", marker)) {
                    return null;
                }
                long left = sum(tx, "SELECT COALESCE(SUM(points), 0) FROM club_points_entry WHERE member_id = ?"
                        + " AND ((kind = 'EARN' AND source = ?) OR (kind = 'REVERSE_EARN' AND reverses = ?))", memberId, source, source);
                insert(tx, memberId, "RELEASE", 0, marker, source, null, null, null);
                return left > 0 ? event(tx, memberId, "club.points.released", left, source, (Instant) earn[3]) : sumUp(tx, memberId);
            });
            if (outcome.applied()) {
                announced++;
            }
        }
        return announced;
    }

    /** For the daily route: {@code bean:clubPoints?method=announceReleasedNow}. */
    public int announceReleasedNow() {
        return announceReleased(Instant.now());
    }

    private static List<Lots.Entry> entries(Connection tx, String memberId) throws SQLException {
        List<Lots.Entry> entries = new ArrayList<>();
        try (PreparedStatement ps = tx.prepareStatement("SELECT points, COALESCE(release_at, created_at) FROM club_points_entry"
                + " WHERE member_id = ? ORDER BY COALESCE(release_at, created_at), id")) {
            ps.setString(1, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    entries.add(new Lots.Entry(rs.getLong(1), rs.getTimestamp(2).toInstant()));
                }
            }
        }
        return entries;
    }

    /** The balance in the caller's transaction. */
    public Balance balance(Connection transaction, String memberId) throws SQLException {
        return sumUp(transaction, memberId);
    }

    /** Whether the source earned or redeemed anything for the member. */
    public boolean hasEntries(Connection transaction, String memberId, String source) throws SQLException {
        try (PreparedStatement ps = transaction.prepareStatement(
                "SELECT 1 FROM club_points_entry WHERE member_id = ? AND source = ? AND kind IN ('EARN', 'REDEEM')")) {
            ps.setString(1, memberId);
            ps.setString(2, source);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public Balance balance(String memberId) {
        return database.inTransaction(tx -> {
            requireMember(tx, memberId, false);
            return sumUp(tx, memberId);
        });
    }

    /** Newest first. */
    public List<Entry> history(String memberId, int limit) {
        return database.inTransaction(tx -> {
            requireMember(tx, memberId, false);
            List<Entry> entries = new ArrayList<>();
            try (PreparedStatement ps = tx.prepareStatement("SELECT id, kind, points, source, reverses, release_at, reason, operator,"
                    + " created_at FROM club_points_entry WHERE member_id = ? ORDER BY id DESC LIMIT ?")) {
                ps.setString(1, memberId);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Timestamp release = rs.getTimestamp(6);
                        entries.add(new Entry(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                                release == null ? null : release.toInstant(), rs.getString(7), rs.getString(8),
                                rs.getTimestamp(9).toInstant()));
                    }
                }
            }
            return entries;
        });
    }

    // --- helpers -------------------------------------------------------------------------------------

    private interface Write {
        /** @return the balance after the write, or null if it was a replay */
        Balance run(Connection tx) throws SQLException;
    }

    private Outcome write(String memberId, Write write) {
        return database.inTransaction(tx -> writeIn(tx, memberId, write));
    }

    private static Outcome writeIn(Connection tx, String memberId, Write write) throws SQLException {
        requireMember(tx, memberId, true);
        Balance after = write.run(tx);
        return after == null ? new Outcome(false, sumUp(tx, memberId)) : new Outcome(true, after);
    }

    /** Locks the member's row for the transaction (serialises writes per member). */
    private static void requireMember(Connection tx, String memberId, boolean lock) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("SELECT status FROM club_member WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw Problem.notFound("No member " + memberId);
                }
            }
        }
    }

    private Balance event(Connection tx, String memberId, String type, long points, String source, Instant releaseAt)
            throws SQLException {
        Balance after = sumUp(tx, memberId);
        ObjectNode data = MemberJson.MAPPER.createObjectNode();
        data.put("memberId", memberId);
        data.put("points", points);
        data.put("source", source);
        data.put("releaseAt", releaseAt == null ? null : releaseAt.toString());
        data.set("balance", MemberJson.MAPPER.valueToTree(after));
        eventLog.append(tx, SOURCE, type, memberId, data);
        return after;
    }

    private static Balance sumUp(Connection tx, String memberId) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("SELECT"
                + " COALESCE(SUM(CASE WHEN release_at IS NULL OR release_at <= ? THEN points ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN release_at > ? THEN points ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN kind IN ('EARN', 'REVERSE_EARN') THEN points ELSE 0 END), 0),"
                + " COALESCE(-SUM(CASE WHEN kind IN ('REDEEM', 'REVERSE_REDEEM') THEN points ELSE 0 END), 0)"
                + " FROM club_points_entry WHERE member_id = ?")) {
            Timestamp now = Timestamp.from(Instant.now());
            ps.setTimestamp(1, now);
            ps.setTimestamp(2, now);
            ps.setString(3, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Balance(memberId, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }

    private static void insert(Connection tx, String memberId, String kind, long points, String source, String reverses,
                               Instant releaseAt, String reason, String operator) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("INSERT INTO club_points_entry (member_id, kind, points, source, reverses,"
                + " release_at, reason, operator, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, memberId);
            ps.setString(2, kind);
            ps.setLong(3, points);
            ps.setString(4, source);
            ps.setString(5, reverses);
            ps.setTimestamp(6, releaseAt == null ? null : Timestamp.from(releaseAt));
            ps.setString(7, reason);
            ps.setString(8, operator);
            ps.setTimestamp(9, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    /**
     * Whether this member's ledger has the entry already (then the call is a replay); the same source
     * recorded for another member is a conflict.
     */
    private static boolean recorded(Connection tx, String memberId, String kind, String source) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("SELECT member_id FROM club_points_entry WHERE kind = ? AND source = ?")) {
            ps.setString(1, kind);
            ps.setString(2, source);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                if (!rs.getString(1).equals(memberId)) {
                    throw new Problem(409, "Conflict", "Source " + source + " is recorded for another member", "source");
                }
                return true;
            }
        }
    }

    private static long sum(Connection tx, String sql, String memberId, String... sources) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(sql)) {
            ps.setString(1, memberId);
            for (int i = 0; i < sources.length; i++) {
                ps.setString(2 + i, sources[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Instant releaseOf(Connection tx, String memberId, String source) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(
                "SELECT release_at FROM club_points_entry WHERE member_id = ? AND kind = 'EARN' AND source = ?")) {
            ps.setString(1, memberId);
            ps.setString(2, source);
            try (ResultSet rs = ps.executeQuery()) {
                Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
                return t == null ? null : t.toInstant();
            }
        }
    }

    /** The share of a whole, rounded half up (a 50 % refund of 15 points takes back 8). */
    static long share(long whole, BigDecimal fraction) {
        return BigDecimal.valueOf(whole).multiply(fraction).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static void positive(long points) {
        if (points <= 0 || points > 1_000_000_000L) {
            throw Problem.invalidField("points", "points must be a whole number from 1 to 1000000000");
        }
    }
}
