package org.vafa.club.vouchers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.plugin.PluginReady;
import org.vafa.api.db.Sql;
import org.vafa.api.events.EventLog;
import org.vafa.api.input.Digits;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.Problem;
import org.vafa.api.locale.PlatformLocale;
import org.vafa.club.Money;
import org.vafa.club.Sources;
import org.vafa.club.members.MemberJson;

/**
 * Vouchers: batches of unique codes worth an amount or a percentage off a basket, with a minimum
 * basket, a validity window, a number of uses per code, and optionally tied to one member (else the
 * bearer's). {@link #check} answers without side effects; {@link #redeem} uses a code for a sale
 * (once per sale, whatever is retried) and {@link #release} gives the use back when the sale is
 * refunded. Routes reach it as {@code bean:clubVouchers}.
 */
@Component(service = Vouchers.class, property = "name=clubVouchers", configurationPid = "org.vafa.club",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class Vouchers {
    /** No 0/O, 1/I/L: codes are read out and typed at the till. */
    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final int CODE_LENGTH = 10;
    private static final int MAX_CODES_PER_BATCH = 100_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Reference
    private Database database;
    @Reference
    private EventLog eventLog;
    @Reference(target = "(" + PluginReady.NAME + "=club)")
    private PluginReady ready; // the plugin's tables are there

    private String currency;

    public Vouchers() {
    }

    @Reference
    private PlatformLocale locale;

    @Activate
    void activate() {
        currency = locale.currency();
    }

    /** Outside OSGi (tests). */
    public Vouchers(Database database, EventLog eventLog, String currency) {
        this.database = database;
        this.eventLog = eventLog;
        this.currency = currency;
    }

    public enum Kind { AMOUNT, PERCENT }

    public record Batch(String id, String name, Kind kind, BigDecimal value, BigDecimal maxDiscount, String currency,
                        BigDecimal minimumBasket, Instant validFrom, Instant validTo, int usesPerCode, String createdBy,
                        Instant createdAt) {
    }

    public record Voucher(String code, Batch batch, String memberId, int uses) {
    }

    /** A code checked against a basket: usable or not (and why, naming the field), and the discount it gives. */
    public record Check(String code, boolean usable, BigDecimal discount, String reason, String field) {
    }

    public record Use(String code, String source, String memberId, BigDecimal discount, Instant usedAt, String releasedBy,
                      Instant releasedAt) {
    }

    /** {@code applied} is false when the sale had used the code before (a replay). */
    public record Redeemed(boolean applied, Use use) {
    }

    // --- batches -------------------------------------------------------------------------------------

    /**
     * {@code POST /api/club/vouchers/batches}: {@code count} bearer codes, or one code for each of {@code memberIds}.
     * Checked however it is made; {@code currency} null is the platform's.
     */
    public record NewBatch(String name, Kind kind, BigDecimal value, BigDecimal maxDiscount, String currency,
                           BigDecimal minimumBasket, Instant validFrom, Instant validTo, Integer usesPerCode, Integer count,
                           List<String> memberIds, String prefix) {
        private static final Set<String> FIELDS = Set.of("name", "kind", "value", "maxDiscount", "currency", "minimumBasket",
                "validFrom", "validTo", "usesPerCode", "count", "memberIds", "prefix");

        public NewBatch {
            if (name == null || !Fields.visible(name) || name.length() > 200) {
                throw Problem.invalidField("name", "name is 1 to 200 characters");
            }
            if (kind == null) {
                throw Problem.invalidField("kind", "kind is amount or percent");
            }
            Money.positive(value, "value");
            if (kind == Kind.PERCENT && value.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw Problem.invalidField("value", "A percentage is at most 100");
            }
            if (maxDiscount != null) {
                Money.positive(maxDiscount, "maxDiscount");
            }
            if (currency != null && !currency.matches("[A-Z]{3}")) {
                throw Problem.invalidField("currency", "An ISO 4217 code such as IRR");
            }
            minimumBasket = Money.zeroOrMore(minimumBasket == null ? BigDecimal.ZERO : minimumBasket, "minimumBasket");
            if (validFrom != null && validTo != null && !validTo.isAfter(validFrom)) {
                throw Problem.invalidField("validTo", "validTo must be after validFrom");
            }
            usesPerCode = usesPerCode == null ? 1 : usesPerCode;
            if (usesPerCode < 1 || usesPerCode > 1_000_000) {
                throw Problem.invalidField("usesPerCode", "usesPerCode is a whole number from 1 to 1000000");
            }
            prefix = prefix == null ? "" : prefix.toUpperCase(Locale.ROOT);
            if (!prefix.matches("[A-Z0-9]{0,10}")) {
                throw Problem.invalidField("prefix", "A prefix is up to 10 Latin letters and digits");
            }
            if ((count == null) == (memberIds == null)) {
                throw Problem.invalidField("count", "Give either count (bearer codes) or memberIds (one code for each member)");
            }
            if (count != null && (count < 1 || count > MAX_CODES_PER_BATCH)) {
                throw Problem.invalidField("count", "count is a whole number from 1 to " + MAX_CODES_PER_BATCH);
            }
            if (memberIds != null) {
                memberIds = List.copyOf(memberIds);
                if (memberIds.isEmpty() || memberIds.size() > MAX_CODES_PER_BATCH || new HashSet<>(memberIds).size() != memberIds.size()) {
                    throw Problem.invalidField("memberIds", "memberIds lists 1 to " + MAX_CODES_PER_BATCH + " different members");
                }
            }
        }

        /** From a request's JSON: only these fields, each of its type. */
        public static NewBatch read(JsonNode body) {
            Fields f = new Fields(body, FIELDS);
            Kind kind;
            try {
                kind = Kind.valueOf(f.text("kind", true, 10).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw Problem.invalidField("kind", "kind is amount or percent");
            }
            return new NewBatch(f.text("name", true, 200), kind, f.decimal("value", true), f.decimal("maxDiscount", false),
                    f.text("currency", false, 3), f.decimal("minimumBasket", false), f.instant("validFrom"), f.instant("validTo"),
                    (int) f.whole("usesPerCode", 1, 1_000_000, 1),
                    f.has("count") ? Integer.valueOf((int) f.whole("count", 1, MAX_CODES_PER_BATCH, 1)) : null,
                    f.strings("memberIds"), f.text("prefix", false, 10));
        }
    }

    public Batch createBatch(NewBatch r, String createdBy) {
        return database.inTransaction(tx -> createBatch(tx, r, createdBy));
    }

    /** {@link #createBatch(NewBatch, String)} in the caller's transaction (a reward note issued with the sale). */
    public Batch createBatch(Connection tx, NewBatch r, String createdBy) throws SQLException {
        String name = r.name();
        Kind kind = r.kind();
        BigDecimal value = r.value();
        BigDecimal maxDiscount = r.maxDiscount();
        String batchCurrency = r.currency() == null ? currency : r.currency();
        BigDecimal minimumBasket = r.minimumBasket();
        Instant validFrom = r.validFrom();
        Instant validTo = r.validTo();
        int uses = r.usesPerCode();
        String prefix = r.prefix();
        List<String> memberIds = r.memberIds();
        int count = r.count() != null ? r.count() : memberIds.size();
        Batch batch = new Batch(UUID.randomUUID().toString(), name, kind, value, maxDiscount, batchCurrency, minimumBasket,
                validFrom, validTo, uses, createdBy, Instant.now());
        {
            if (memberIds != null) {
                for (String id : memberIds) {
                    if (Sql.one(tx, "SELECT 1 FROM club_member WHERE id = ?", rs -> 1, id).isEmpty()) {
                        throw Problem.invalidField("memberIds", "No member " + id);
                    }
                }
            }
            Sql.update(tx, "INSERT INTO club_voucher_batch (id, name, kind, face_value, max_discount, currency, minimum_basket, valid_from,"
                    + " valid_to, uses_per_code, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    batch.id(), name, kind.name(), value, maxDiscount, batchCurrency, minimumBasket, validFrom, validTo, uses,
                    createdBy, batch.createdAt());
            insertCodes(tx, batch, prefix, count, memberIds);
            ObjectNode data = MemberJson.MAPPER.createObjectNode();
            data.put("batchId", batch.id());
            data.put("name", name);
            data.put("codes", count);
            eventLog.append(tx, "club", "club.voucher.batch-created", batch.id(), data);
            return batch;
        }
    }

    /** Makes a batch's codes unusable from now on (a reward note whose points a refund took back). */
    public void endBatch(Connection tx, String batchId, Instant at) throws SQLException {
        Sql.update(tx, "UPDATE club_voucher_batch SET valid_to = ? WHERE id = ?", at, batchId);
    }

    /** Random codes; the (astronomically rare) clash with an existing code is drawn again. */
    private static void insertCodes(Connection tx, Batch batch, String prefix, int count, List<String> memberIds) throws SQLException {
        Set<String> codes = new HashSet<>();
        try (var ps = tx.prepareStatement("INSERT INTO club_voucher (code, batch_id, member_id, uses, issued_at) VALUES (?, ?, ?, 0, ?)")) {
            for (int i = 0; i < count; i++) {
                String code;
                do {
                    code = prefix + randomCode();
                } while (!codes.add(code) || Sql.one(tx, "SELECT 1 FROM club_voucher WHERE code = ?", rs -> 1, code).isPresent());
                ps.setString(1, code);
                ps.setString(2, batch.id());
                ps.setString(3, memberIds == null ? null : memberIds.get(i));
                ps.setTimestamp(4, java.sql.Timestamp.from(batch.createdAt()));
                ps.addBatch();
                if (i % 1000 == 999) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    static String randomCode() {
        StringBuilder code = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    public Optional<Batch> batch(String id) {
        return database.inTransaction(tx -> batch(tx, id));
    }

    public List<Voucher> codes(String batchId, int limit, int offset) {
        return database.inTransaction(tx -> {
            Batch batch = batch(tx, batchId).orElseThrow(() -> Problem.notFound("No voucher batch " + batchId));
            return Sql.list(tx, "SELECT code, member_id, uses FROM club_voucher WHERE batch_id = ? ORDER BY code LIMIT ? OFFSET ?",
                    rs -> new Voucher(rs.getString(1), batch, rs.getString(2), rs.getInt(3)), batchId, limit, offset);
        });
    }

    /** The codes a member holds that can still be used (within their window, uses left). */
    public List<Voucher> heldBy(String memberId) {
        return database.inTransaction(tx -> heldBy(tx, memberId));
    }

    /** In the caller's transaction. */
    public List<Voucher> heldBy(Connection tx, String memberId) throws SQLException {
        Instant now = Instant.now();
        List<Voucher> held = new ArrayList<>();
        for (String code : Sql.list(tx, "SELECT v.code FROM club_voucher v JOIN club_voucher_batch b ON b.id = v.batch_id"
                + " WHERE v.member_id = ? AND v.uses < b.uses_per_code AND (b.valid_to IS NULL OR b.valid_to > ?) ORDER BY v.code",
                rs -> rs.getString(1), memberId, now)) {
            voucher(tx, code, false).ifPresent(held::add);
        }
        return held;
    }

    public Optional<Voucher> voucher(String code) {
        return database.inTransaction(tx -> voucher(tx, normalise(code), false));
    }

    public List<Use> uses(String code) {
        return database.inTransaction(tx -> Sql.list(tx, "SELECT code, source, member_id, discount, used_at, released_by, released_at"
                + " FROM club_voucher_use WHERE code = ? ORDER BY used_at", Vouchers::use, normalise(code)));
    }

    // --- using codes ---------------------------------------------------------------------------------

    /** Whether the code can be used now on a basket of {@code basketTotal} by the member (null: anonymous); no effect. */
    public Check check(String code, String memberId, BigDecimal basketTotal, String basketCurrency) {
        return database.inTransaction(tx -> check(tx, code, memberId, basketTotal, basketCurrency, Instant.now()));
    }

    public Check check(Connection tx, String typed, String memberId, BigDecimal basketTotal, String basketCurrency, Instant at)
            throws SQLException {
        Money.zeroOrMore(basketTotal, "basketTotal");
        String code = normalise(typed);
        Optional<Voucher> found = voucher(tx, code, false);
        if (found.isEmpty()) {
            return refused(code, "No such voucher code", "code");
        }
        Voucher v = found.get();
        Batch b = v.batch();
        if (b.validFrom() != null && at.isBefore(b.validFrom())) {
            return refused(code, "The voucher is valid from " + b.validFrom(), "code");
        }
        if (b.validTo() != null && !at.isBefore(b.validTo())) {
            return refused(code, "The voucher expired at " + b.validTo(), "code");
        }
        if (v.uses() >= b.usesPerCode()) {
            return refused(code, "The voucher has been used" + (b.usesPerCode() > 1 ? " " + b.usesPerCode() + " times" : ""), "code");
        }
        if (v.memberId() != null && !v.memberId().equals(memberId)) {
            return refused(code, "The voucher belongs to another member", "memberId");
        }
        if (!b.currency().equals(basketCurrency)) {
            return refused(code, "The voucher is in " + b.currency() + ", the basket in " + basketCurrency, "currency");
        }
        if (basketTotal.compareTo(b.minimumBasket()) < 0) {
            return refused(code, "The voucher needs a basket of at least " + b.minimumBasket().toPlainString() + " " + b.currency(),
                    "basketTotal");
        }
        return new Check(code, true, discount(b, basketTotal), null, null);
    }

    static BigDecimal discount(Batch b, BigDecimal basketTotal) {
        BigDecimal off = b.kind() == Kind.AMOUNT ? b.value()
                : basketTotal.multiply(b.value()).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        if (b.maxDiscount() != null) {
            off = off.min(b.maxDiscount());
        }
        return off.min(basketTotal);
    }

    public Redeemed redeem(String code, String source, String memberId, BigDecimal basketTotal, String basketCurrency) {
        return database.inTransaction(tx -> redeem(tx, code, source, memberId, basketTotal, basketCurrency, Instant.now()));
    }

    /**
     * Uses the code for the sale {@code source} in the caller's transaction (the code's row is locked,
     * so two tills cannot both take its last use). The same sale using it again is a replay; a code
     * that cannot be used is a 409 naming why. {@code at}: when the sale happened (validity is judged then).
     */
    public Redeemed redeem(Connection tx, String typed, String source, String memberId, BigDecimal basketTotal, String basketCurrency,
                           Instant at) throws SQLException {
        Sources.require(source, "source");
        String code = normalise(typed);
        if (voucher(tx, code, true).isEmpty()) {
            throw Problem.invalidField("code", "No voucher " + code);
        }
        Optional<Use> before = use(tx, code, source);
        if (before.isPresent()) {
            return new Redeemed(false, before.get());
        }
        Check check = check(tx, code, memberId, basketTotal, basketCurrency, at);
        if (!check.usable()) {
            throw new Problem(409, "Voucher cannot be used", check.reason(), check.field());
        }
        Instant now = Instant.now();
        Sql.update(tx, "INSERT INTO club_voucher_use (code, source, member_id, discount, used_at) VALUES (?, ?, ?, ?, ?)",
                code, source, memberId, check.discount(), now);
        Sql.update(tx, "UPDATE club_voucher SET uses = uses + 1 WHERE code = ?", code);
        Use use = use(tx, code, source).orElseThrow();
        event(tx, "club.voucher.redeemed", use);
        return new Redeemed(true, use);
    }

    public Redeemed release(String code, String source, String refund) {
        return database.inTransaction(tx -> release(tx, code, source, refund));
    }

    /** The sale {@code source} is refunded: its use of the code is given back, once. */
    public Redeemed release(Connection tx, String typed, String source, String refund) throws SQLException {
        Sources.require(source, "source");
        Sources.require(refund, "refund");
        String code = normalise(typed);
        if (voucher(tx, code, true).isEmpty()) {
            throw Problem.invalidField("code", "No voucher " + code);
        }
        Use use = use(tx, code, source).orElseThrow(() -> Problem.invalidField("source", "Sale " + source + " did not use " + code));
        if (use.releasedAt() != null) {
            return new Redeemed(false, use);
        }
        Sql.update(tx, "UPDATE club_voucher_use SET released_by = ?, released_at = ? WHERE code = ? AND source = ?",
                refund, Instant.now(), code, source);
        Sql.update(tx, "UPDATE club_voucher SET uses = uses - 1 WHERE code = ?", code);
        Use released = use(tx, code, source).orElseThrow();
        event(tx, "club.voucher.released", released);
        return new Redeemed(true, released);
    }

    /** The codes a sale used and has not given back. */
    public List<Use> usedBy(Connection tx, String source) throws SQLException {
        return Sql.list(tx, "SELECT code, source, member_id, discount, used_at, released_by, released_at FROM club_voucher_use"
                + " WHERE source = ? AND released_at IS NULL ORDER BY code", Vouchers::use, source);
    }

    // --- helpers -------------------------------------------------------------------------------------

    /** As typed at a till: Persian digits, spaces, dashes and lower case are all fine. */
    static String normalise(String typed) {
        if (typed == null || typed.isBlank()) {
            throw Problem.invalidField("code", "A voucher code is required");
        }
        String code = Digits.toAscii(typed).replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() > 40) {
            throw Problem.invalidField("code", "A voucher code has at most 40 characters");
        }
        return code;
    }

    private static Check refused(String code, String reason, String field) {
        return new Check(code, false, BigDecimal.ZERO, reason, field);
    }

    private static final String BATCH = "SELECT id, name, kind, face_value, max_discount, currency, minimum_basket, valid_from, valid_to,"
            + " uses_per_code, created_by, created_at FROM club_voucher_batch";

    private static Batch batch(java.sql.ResultSet rs) throws SQLException {
        return new Batch(rs.getString(1), rs.getString(2), Kind.valueOf(rs.getString(3)), rs.getBigDecimal(4), rs.getBigDecimal(5),
                rs.getString(6), rs.getBigDecimal(7), Sql.instant(rs, 8), Sql.instant(rs, 9), rs.getInt(10), rs.getString(11), Sql.instant(rs, 12));
    }

    private Optional<Batch> batch(Connection tx, String id) throws SQLException {
        return Sql.one(tx, BATCH + " WHERE id = ?", Vouchers::batch, id);
    }

    /** The batches, newest first. */
    public List<Batch> batches(int limit, int offset) {
        return database.inTransaction(tx -> Sql.list(tx, BATCH + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?", Vouchers::batch, limit, offset));
    }

    private Optional<Voucher> voucher(Connection tx, String code, boolean lock) throws SQLException {
        Optional<String[]> row = Sql.one(tx, "SELECT batch_id, member_id, uses FROM club_voucher WHERE code = ?" + (lock ? " FOR UPDATE" : ""),
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, code);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Voucher(code, batch(tx, row.get()[0]).orElseThrow(), row.get()[1], Integer.parseInt(row.get()[2])));
    }

    private static Optional<Use> use(Connection tx, String code, String source) throws SQLException {
        return Sql.one(tx, "SELECT code, source, member_id, discount, used_at, released_by, released_at FROM club_voucher_use"
                + " WHERE code = ? AND source = ?", Vouchers::use, code, source);
    }

    private static Use use(java.sql.ResultSet rs) throws SQLException {
        return new Use(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4), Sql.instant(rs, 5), rs.getString(6),
                Sql.instant(rs, 7));
    }

    private void event(Connection tx, String type, Use use) throws SQLException {
        ObjectNode data = MemberJson.MAPPER.valueToTree(use);
        eventLog.append(tx, "club", type, use.code(), data);
    }

}
