package org.vafa.club.points;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.rest.Problem;
import org.vafa.club.Money;
import org.vafa.club.members.Members;
import org.vafa.club.rules.ClubRules;
import org.vafa.club.rules.RuleSet;
import org.vafa.club.rules.RulesEngine;

/**
 * Points turned into money off a basket at the programme's rate ({@code redemption}: e.g. 100 points
 * are 5.00, at most half the basket). A quote has no effect; a redemption spends exactly the points
 * of the discount given, once per sale. Routes reach it as {@code bean:clubPointsDiscount}.
 */
@Component(service = PointsDiscounts.class, property = "name=clubPointsDiscount")
public class PointsDiscounts {
    @Reference
    private Database database;
    @Reference
    private PointsLedger points;
    @Reference
    private ClubRules rules;

    public PointsDiscounts() {
    }

    /** Outside OSGi (tests). */
    public PointsDiscounts(Database database, PointsLedger points, ClubRules rules) {
        this.database = database;
        this.points = points;
        this.rules = rules;
    }

    /** {@code points} used of {@code requested} for {@code amount} off; {@code available} is the member's balance. */
    public record Quote(long requested, long points, BigDecimal amount, String currency, long available) {
    }

    public record Redeemed(boolean applied, Quote quote, PointsLedger.Balance balance) {
    }

    public Quote quote(String memberId, long requested, BigDecimal basketTotal, String currency) {
        return database.inTransaction(tx -> quote(tx, memberId, requested, basketTotal, currency));
    }

    /** The discount up to {@code requested} points buy now (no more than the member has), without effect. */
    public Quote quote(Connection tx, String memberId, long requested, BigDecimal basketTotal, String currency) throws SQLException {
        if (requested < 1 || requested > 1_000_000_000L) {
            throw Problem.invalidField("points", "points is a whole number from 1 to 1000000000");
        }
        Money.zeroOrMore(basketTotal, "basketTotal");
        RuleSet programme = rules.required();
        if (programme.redemption() == null) {
            throw Problem.conflict("The programme in force does not turn points into discounts (it has no redemption)");
        }
        Money.currency(programme.currency(), currency, "currency");
        long available = points.balance(tx, memberId).available();
        RulesEngine.Discount discount = RulesEngine.pointsDiscount(programme, Math.min(requested, available), basketTotal);
        return new Quote(requested, discount.points(), discount.amount(), programme.currency(), available);
    }

    public Redeemed redeem(String memberId, long requested, BigDecimal basketTotal, String currency, String source) {
        return database.inTransaction(tx -> redeem(tx, memberId, requested, basketTotal, currency, source));
    }

    /**
     * Spends the points of the discount for the sale {@code source}, in the caller's transaction; a
     * replayed sale answers what it redeemed before. No step's worth of points: a 409 on {@code points}.
     */
    public Redeemed redeem(Connection tx, String memberId, long requested, BigDecimal basketTotal, String currency, String source)
            throws SQLException {
        Members.lock(tx, memberId);
        Quote quote = quote(tx, memberId, requested, basketTotal, currency);
        if (points.hasEntries(tx, memberId, source)) {
            long before = -org.vafa.api.db.Sql.number(tx, "SELECT COALESCE(SUM(points), 0) FROM club_points_entry"
                    + " WHERE member_id = ? AND kind = 'REDEEM' AND source = ?", memberId, source);
            if (before > 0) {
                RuleSet.Redemption r = rules.required().redemption();
                Quote replayed = new Quote(requested, before, r.value().multiply(BigDecimal.valueOf(before / r.points())),
                        quote.currency(), quote.available());
                return new Redeemed(false, replayed, points.balance(tx, memberId));
            }
        }
        if (quote.points() == 0) {
            throw new Problem(409, "Not enough points for a discount", "The member has " + quote.available()
                    + " points available; a discount needs at least " + rules.required().redemption().points()
                    + " and a basket large enough for one step", "points");
        }
        PointsLedger.Outcome outcome = points.redeem(tx, memberId, quote.points(), source);
        return new Redeemed(outcome.applied(), quote, outcome.balance());
    }
}
