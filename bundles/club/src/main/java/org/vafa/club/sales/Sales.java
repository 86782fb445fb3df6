package org.vafa.club.sales;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.rest.Problem;
import org.vafa.club.Sources;
import org.vafa.club.members.Member;
import org.vafa.club.members.Members;
import org.vafa.club.points.PointsLedger;
import org.vafa.club.rules.ClubRules;
import org.vafa.club.rules.Earning;
import org.vafa.club.rules.MemberFacts;
import org.vafa.club.rules.Purchase;
import org.vafa.club.rules.RulesEngine;
import org.vafa.club.tiers.MemberTiers;

/**
 * A member's purchase and refund as the club sees them, each in one transaction: the spend that counts
 * for tiers, the points the programme gives (at the member's tier), and the tier that follows.
 * Keyed by the sale's and the refund's own source, so a retried register never counts twice.
 * Routes reach it as {@code bean:clubSales}.
 */
@Component(service = Sales.class, property = "name=clubSales")
public class Sales {
    @Reference
    private Database database;
    @Reference
    private Members members;
    @Reference
    private PointsLedger points;
    @Reference
    private ClubRules rules;
    @Reference
    private MemberTiers tiers;
    @Reference
    private org.vafa.club.vouchers.Vouchers vouchers;
    @Reference
    private org.vafa.api.events.EventLog eventLog;
    private volatile RewardNotes notes;

    public record Recorded(boolean applied, Earning earning, PointsLedger.Balance balance, String tier) {
    }

    public Sales() {
    }

    /** Outside OSGi (tests). */
    public Sales(Database database, Members members, PointsLedger points, ClubRules rules, MemberTiers tiers,
                 org.vafa.club.vouchers.Vouchers vouchers, org.vafa.api.events.EventLog eventLog) {
        this.database = database;
        this.members = members;
        this.points = points;
        this.rules = rules;
        this.tiers = tiers;
        this.vouchers = vouchers;
        this.eventLog = eventLog;
    }

    private RewardNotes notes() {
        if (notes == null) {
            notes = new RewardNotes(points, vouchers, eventLog);
        }
        return notes;
    }

    public Recorded purchase(String memberId, String source, Purchase purchase) {
        Instant now = now();
        return database.inTransaction(tx -> purchase(tx, memberId, source, purchase, now));
    }

    /**
     * {@link #purchase(String, String, Purchase)} in the caller's transaction, at the sale's time
     * ({@code at}: a register that was offline posts its sales later, and they count when they happened).
     */
    public Recorded purchase(Connection tx, String memberId, String source, Purchase purchase, Instant at) throws SQLException {
        return purchase(tx, members.get(memberId).orElseThrow(() -> Problem.notFound("No member " + memberId)), source, purchase, at);
    }

    /** The same for a member the caller has read already (a checkout reads it to price the basket). */
    public Recorded purchase(Connection tx, Member member, String source, Purchase purchase, Instant at) throws SQLException {
        return purchase(tx, member, source, purchase, at, null);
    }

    /** The same with the points earned pending until {@code releaseAt} (a storefront order's return window; null: at once). */
    public Recorded purchase(Connection tx, Member member, String source, Purchase purchase, Instant at, Instant releaseAt)
            throws SQLException {
        Sources.require(source, "source");
        // stored to the millisecond: a time kept finer (a till's clock) would be rounded by the database, up as often
        // as down, and the purchase would then fall outside the tier window that ends at that very time
        at = at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String memberId = member.id();
        Members.lock(tx, memberId);
        if (recorded(tx, memberId, source)) {
            return new Recorded(false, new Earning(0, java.util.List.of("recorded before")), points.balance(tx, memberId),
                    tiers.tierFor(tx, memberId));
        }
        String tier = tiers.tierFor(tx, memberId);
        Earning earning = rules.earning(purchase, new MemberFacts(tier, member.birthDate(), member.anniversary()));
        BigDecimal amount = purchase.lines().stream().map(Purchase.Line::total).reduce(BigDecimal.ZERO, BigDecimal::add);
        insert(tx, source, memberId, amount, purchase.currency(), at);
        if (earning.points() > 0) {
            points.earn(tx, memberId, earning.points(), source, releaseAt);
        }
        notes().issueDue(tx, memberId, rules.current().map(ClubRules.Version::rules).orElse(null), at, source);
        PointsLedger.Balance balance = points.balance(tx, memberId);
        tiers.afterSpend(tx, memberId, at);
        return new Recorded(true, earning, balance, tiers.tierFor(tx, memberId));
    }

    /** Whether the sale counted for the member: its spend was recorded, or it earned or spent points. */
    public boolean counted(Connection tx, String memberId, String source) throws SQLException {
        return amount(tx, memberId, source) != null || points.hasEntries(tx, memberId, source);
    }

    /** A refund of {@code fraction} of a sale: its spend, points and redeemed points, and the tier, together. */
    public Recorded refund(String memberId, String source, String refund, BigDecimal fraction) {
        return database.inTransaction(tx -> refund(tx, memberId, source, refund, fraction));
    }

    /** {@link #refund(String, String, String, BigDecimal)} in the caller's transaction. */
    public Recorded refund(Connection tx, String memberId, String source, String refund, BigDecimal fraction) throws SQLException {
        Instant now = now();
        Members.lock(tx, memberId);
        BigDecimal sold = amount(tx, memberId, source);
        if (sold != null && amount(tx, memberId, refund) != null) {
            return new Recorded(false, null, points.balance(tx, memberId), tiers.tierFor(tx, memberId)); // replayed
        }
        // the points (a sale below the minimum spend earned none, but its spend still counts)
        PointsLedger.Outcome outcome = sold == null || points.hasEntries(tx, memberId, source)
                ? points.reverse(tx, memberId, source, refund, fraction)
                : new PointsLedger.Outcome(true, points.balance(tx, memberId));
        if (outcome.applied() && sold != null) {
            insert(tx, refund, memberId, sold.multiply(fraction).setScale(2, RoundingMode.HALF_UP).negate(),
                    currency(tx, source), now);
            tiers.afterRefund(tx, memberId, now);
        }
        if (outcome.applied() && notes().voidWhileShort(tx, memberId, refund, now) > 0) {
            outcome = new PointsLedger.Outcome(true, points.balance(tx, memberId));
        }
        return new Recorded(outcome.applied(), null, outcome.balance(), tiers.tierFor(tx, memberId));
    }

    /** Milliseconds: the databases round finer parts, and a stored time must not land after the {@code now} it is compared with. */
    private static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private static boolean recorded(Connection tx, String memberId, String source) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("SELECT member_id FROM club_purchase WHERE source = ?")) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                if (!rs.getString(1).equals(memberId)) {
                    throw new Problem(409, "Conflict", "Sale " + source + " is recorded for another member", "source");
                }
                return true;
            }
        }
    }

    private static BigDecimal amount(Connection tx, String memberId, String source) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("SELECT amount FROM club_purchase WHERE source = ? AND member_id = ?")) {
            ps.setString(1, source);
            ps.setString(2, memberId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getBigDecimal(1) : null;
            }
        }
    }

    private static String currency(Connection tx, String source) throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement("SELECT currency FROM club_purchase WHERE source = ?")) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void insert(Connection tx, String source, String memberId, BigDecimal amount, String currency, Instant at)
            throws SQLException {
        try (PreparedStatement ps = tx.prepareStatement(
                "INSERT INTO club_purchase (source, member_id, amount, currency, purchased_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, source);
            ps.setString(2, memberId);
            ps.setBigDecimal(3, amount);
            ps.setString(4, currency);
            ps.setTimestamp(5, Timestamp.from(at));
            ps.executeUpdate();
        }
    }
}
