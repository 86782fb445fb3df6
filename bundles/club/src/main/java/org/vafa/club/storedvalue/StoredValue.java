package org.vafa.club.storedvalue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.plugin.PluginReady;
import org.vafa.api.events.EventLog;
import org.vafa.api.rest.Problem;
import org.vafa.club.Money;
import org.vafa.club.Sources;
import org.vafa.api.db.Sql;
import org.vafa.api.locale.PlatformLocale;
import org.vafa.club.members.MemberJson;
import org.vafa.club.members.Members;

/**
 * Money on the member's card: charged (at the till, online), spent, refunded to it. An append-only
 * ledger in the club's currency; the balance is its sum and never goes below zero. Every write is
 * keyed by its source (the payment, the sale, the refund), so a retry never counts twice.
 * Routes reach it as {@code bean:clubStoredValue}.
 */
@Component(service = StoredValue.class, property = "name=clubStoredValue", configurationPid = "org.vafa.club",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class StoredValue {
    @Reference
    private Database database;
    @Reference
    private EventLog eventLog;
    @Reference(target = "(" + PluginReady.NAME + "=club)")
    private PluginReady ready; // the plugin's tables are there

    private String currency;

    public StoredValue() {
    }

    @Reference
    private PlatformLocale locale;

    @Activate
    void activate() {
        currency = locale.currency();
    }

    /** Outside OSGi (tests). */
    public StoredValue(Database database, EventLog eventLog, String currency) {
        this.database = database;
        this.eventLog = eventLog;
        this.currency = currency;
    }

    public record Balance(String memberId, String currency, BigDecimal balance, BigDecimal charged, BigDecimal spent,
                          BigDecimal refunded) {
    }

    public record Entry(long id, String kind, BigDecimal amount, String source, String reverses, String operator,
                        Instant createdAt) {
    }

    /** {@code applied} is false for a replay of a source recorded before. */
    public record Outcome(boolean applied, Balance balance) {
    }

    public String currency() {
        return currency;
    }

    /** Money put on the card; {@code source} is the payment's reference. */
    public Outcome charge(String memberId, BigDecimal amount, String currencyGiven, String source, String operator) {
        Money.positive(amount, "amount");
        Money.currency(currency, currencyGiven, "currency");
        Sources.require(source, "source");
        return database.inTransaction(tx -> {
            Members.lock(tx, memberId);
            if (recorded(tx, memberId, "CHARGE", source)) {
                return new Outcome(false, balance(tx, memberId));
            }
            insert(tx, memberId, "CHARGE", amount, source, null, operator);
            return new Outcome(true, event(tx, memberId, "club.storedvalue.charged", amount, source));
        });
    }

    public Outcome spend(String memberId, BigDecimal amount, String currencyGiven, String source) {
        return database.inTransaction(tx -> spend(tx, memberId, amount, currencyGiven, source));
    }

    /** Pays (part of) a sale from the card, in the caller's transaction; 409 if the balance is short. */
    public Outcome spend(Connection tx, String memberId, BigDecimal amount, String currencyGiven, String source) throws SQLException {
        Money.positive(amount, "amount");
        Money.currency(currency, currencyGiven, "currency");
        Sources.require(source, "source");
        Members.lock(tx, memberId);
        if (recorded(tx, memberId, "SPEND", source)) {
            return new Outcome(false, balance(tx, memberId));
        }
        BigDecimal available = balance(tx, memberId).balance();
        if (available.compareTo(amount) < 0) {
            throw new Problem(409, "Not enough stored value",
                    "The card holds " + available.toPlainString() + " " + currency + ", not " + amount.toPlainString(), "amount");
        }
        insert(tx, memberId, "SPEND", amount.negate(), source, null, null);
        return new Outcome(true, event(tx, memberId, "club.storedvalue.spent", amount, source));
    }

    public Outcome refund(String memberId, String spendSource, String refund, BigDecimal amount) {
        return database.inTransaction(tx -> refund(tx, memberId, spendSource, refund, amount));
    }

    /**
     * Gives back {@code amount} of what {@code spendSource} took from the card, never more than is
     * left of it (several partial refunds add up to at most the spend); {@code refund} keys it.
     */
    public Outcome refund(Connection tx, String memberId, String spendSource, String refund, BigDecimal amount) throws SQLException {
        Money.positive(amount, "amount");
        Sources.require(spendSource, "source");
        Sources.require(refund, "refund");
        Members.lock(tx, memberId);
        if (recorded(tx, memberId, "REFUND", refund)) {
            return new Outcome(false, balance(tx, memberId));
        }
        BigDecimal spent = Sql.decimal(tx, "SELECT COALESCE(-SUM(amount), 0) FROM club_stored_value_entry"
                + " WHERE member_id = ? AND kind = 'SPEND' AND source = ?", memberId, spendSource);
        BigDecimal givenBack = Sql.decimal(tx, "SELECT COALESCE(SUM(amount), 0) FROM club_stored_value_entry"
                + " WHERE member_id = ? AND kind = 'REFUND' AND reverses = ?", memberId, spendSource);
        if (spent.signum() == 0) {
            throw Problem.invalidField("source", "Nothing was paid from this card by " + spendSource);
        }
        if (givenBack.add(amount).compareTo(spent) > 0) {
            throw Problem.invalidField("amount", "Only " + spent.subtract(givenBack).toPlainString() + " " + currency
                    + " of " + spendSource + " is left to refund");
        }
        insert(tx, memberId, "REFUND", amount, refund, spendSource, null);
        return new Outcome(true, event(tx, memberId, "club.storedvalue.refunded", amount, refund));
    }

    /** What is left of a spend to give back (0 when nothing was paid from the card by it). */
    public BigDecimal refundable(Connection tx, String memberId, String spendSource) throws SQLException {
        return Sql.decimal(tx, "SELECT COALESCE(-SUM(amount), 0) FROM club_stored_value_entry WHERE member_id = ?"
                + " AND ((kind = 'SPEND' AND source = ?) OR (kind = 'REFUND' AND reverses = ?))", memberId, spendSource, spendSource);
    }

    public Balance balance(String memberId) {
        return database.inTransaction(tx -> {
            requireMember(tx, memberId);
            return balance(tx, memberId);
        });
    }

    public Balance balance(Connection tx, String memberId) throws SQLException {
        return Sql.one(tx, "SELECT COALESCE(SUM(amount), 0),"
                + " COALESCE(SUM(CASE WHEN kind = 'CHARGE' THEN amount ELSE 0 END), 0),"
                + " COALESCE(-SUM(CASE WHEN kind = 'SPEND' THEN amount ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN kind = 'REFUND' THEN amount ELSE 0 END), 0)"
                + " FROM club_stored_value_entry WHERE member_id = ?",
                rs -> new Balance(memberId, currency, rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4)),
                memberId).orElseThrow();
    }

    /** Newest first. */
    public List<Entry> history(String memberId, int limit) {
        return database.inTransaction(tx -> {
            requireMember(tx, memberId);
            return Sql.list(tx, "SELECT id, kind, amount, source, reverses, operator, created_at FROM club_stored_value_entry"
                    + " WHERE member_id = ? ORDER BY id DESC LIMIT ?",
                    rs -> new Entry(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), Sql.instant(rs, 7)), memberId, limit);
        });
    }

    private static void requireMember(Connection tx, String memberId) throws SQLException {
        if (Sql.one(tx, "SELECT 1 FROM club_member WHERE id = ?", rs -> 1, memberId).isEmpty()) {
            throw Problem.notFound("No member " + memberId);
        }
    }

    private Balance event(Connection tx, String memberId, String type, BigDecimal amount, String source) throws SQLException {
        Balance after = balance(tx, memberId);
        ObjectNode data = MemberJson.MAPPER.createObjectNode();
        data.put("memberId", memberId);
        data.put("amount", amount);
        data.put("currency", currency);
        data.put("source", source);
        data.put("balance", after.balance());
        eventLog.append(tx, "club", type, memberId, data);
        return after;
    }

    private void insert(Connection tx, String memberId, String kind, BigDecimal amount, String source, String reverses,
                        String operator) throws SQLException {
        Sql.update(tx, "INSERT INTO club_stored_value_entry (member_id, kind, amount, currency, source, reverses, operator,"
                + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", memberId, kind, amount, currency, source, reverses, operator,
                Instant.now());
    }

    /** Recorded for this member: a replay; recorded for another: a conflict. */
    private static boolean recorded(Connection tx, String memberId, String kind, String source) throws SQLException {
        return Sql.one(tx, "SELECT member_id FROM club_stored_value_entry WHERE kind = ? AND source = ?", rs -> rs.getString(1),
                kind, source).map(owner -> {
                    if (!owner.equals(memberId)) {
                        throw new Problem(409, "Conflict", "Source " + source + " is recorded for another member", "source");
                    }
                    return true;
                }).orElse(false);
    }

}
