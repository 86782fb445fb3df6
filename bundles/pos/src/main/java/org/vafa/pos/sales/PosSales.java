package org.vafa.pos.sales;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.events.EventLog;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.Problem;
import org.vafa.club.api.ClubCheckout;
import org.vafa.pos.PosConfig;
import org.vafa.pos.branches.Branches;

/**
 * Sales and refunds of the registers. A sale is first written PENDING (the register's request), then
 * the club's side is committed through the club's checkout API (keyed by the sale, so it happens
 * once), then the sale is COMPLETED with the club's answer and a {@code pos.sale.completed} event. A
 * sale whose register went away in between is completed by the register's retry or by the recovery
 * route. The same receipt of a terminal never counts twice. Routes reach it as {@code bean:posSales}.
 */
@Component(service = PosSales.class, property = "name=posSales", configurationPid = "org.vafa.pos",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PosConfig.class)
public class PosSales {
    private static final Logger LOG = LoggerFactory.getLogger(PosSales.class);
    static final ObjectMapper JSON = org.vafa.api.rest.RestJson.MAPPER;

    private final Database database;
    private final EventLog eventLog;
    private final Branches branches;
    /** The club may be swapped or stopped while registers sell: anonymous plain sales go on without it. */
    private volatile ClubCheckout club;
    private volatile PosConfig config;
    /** The CRM may be absent: the lookup then says nothing about tickets. */
    private volatile OpenTickets tickets;

    @Activate
    public PosSales(@Reference Database database, @Reference EventLog eventLog, @Reference Branches branches, PosConfig config) {
        this.database = database;
        this.eventLog = eventLog;
        this.branches = branches;
        this.config = config;
    }

    @Modified
    void modified(PosConfig changed) {
        config = changed;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    public void bindTickets(OpenTickets openTickets) {
        tickets = openTickets;
    }

    public void unbindTickets(OpenTickets openTickets) {
        if (tickets == openTickets) {
            tickets = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    public void bindClub(ClubCheckout checkout) {
        club = checkout;
    }

    public void unbindClub(ClubCheckout checkout) {
        if (club == checkout) {
            club = null;
        }
    }

    // --- lookup --------------------------------------------------------------------------------------

    /**
     * What the seller needs on screen: the club's view of the member, their visits and purchases at the registers, and their
     * open tickets when the CRM is installed.
     */
    public ObjectNode lookup(String card, String mobile, String memberId) {
        ClubCheckout.MemberView member = club().find(card, mobile, memberId)
                .orElseThrow(() -> Problem.notFound("No member with that " + (card != null ? "card" : mobile != null ? "mobile" : "id")));
        ObjectNode json = JSON.valueToTree(member);
        database.inTransaction(tx -> {
            ObjectNode visits = json.putObject("visits");
            Sql.one(tx, "SELECT COUNT(*), COALESCE(SUM(total), 0), MAX(sold_at) FROM pos_sale WHERE member_id = ? AND status = 'COMPLETED'",
                    rs -> visits.put("count", rs.getLong(1)).put("spend", rs.getBigDecimal(2))
                            .put("last", Sql.instant(rs, 3) == null ? null : Sql.instant(rs, 3).toString()), member.id());
            visits.put("refunded", Sql.decimal(tx, "SELECT COALESCE(SUM(r.amount), 0) FROM pos_refund r JOIN pos_sale s ON s.id = r.sale_id"
                    + " WHERE s.member_id = ?", member.id()));
            ArrayNode last = json.putArray("lastPurchases");
            Sql.list(tx, "SELECT sold_at, branch_code, receipt, total FROM pos_sale WHERE member_id = ? AND status = 'COMPLETED'"
                    + " ORDER BY sold_at DESC LIMIT 5", rs -> last.addObject().put("soldAt", Sql.instant(rs, 1).toString())
                    .put("branch", rs.getString(2)).put("receipt", rs.getString(3)).put("total", rs.getBigDecimal(4)), member.id());
            ArrayNode favourite = json.putArray("favouriteCategories");
            Sql.list(tx, "SELECT l.category, SUM(l.quantity * l.unit_price) AS spent FROM pos_sale_line l JOIN pos_sale s ON s.id = l.sale_id"
                    + " WHERE s.member_id = ? AND l.category IS NOT NULL GROUP BY l.category ORDER BY spent DESC LIMIT 3",
                    rs -> favourite.addObject().put("category", rs.getString(1)).put("spent", rs.getBigDecimal(2)), member.id());
            return null;
        });
        OpenTickets crm = tickets;
        // null: no CRM installed (unknown), [] none open
        json.set("openTickets", crm == null ? null : JSON.valueToTree(crm.of(member.id())));
        return json;
    }

    // --- quote and sale ------------------------------------------------------------------------------

    /** The priced basket; no effect. */
    public ClubCheckout.Priced quote(Branches.Terminal terminal, SaleRequest r) {
        if (!r.needsClub()) {
            return plain(r, false);
        }
        return club().quote(new ClubCheckout.MemberRef(r.card(), r.mobile(), r.memberId()), checkout(terminal, r));
    }

    /** A sale and whether it was recorded now (false: the same receipt came before; the first answer is given). */
    public record Recorded(boolean applied, JsonNode sale) {
    }

    /**
     * Records the sale once per receipt. It takes the request as the register sent it, not only as read: that
     * JSON is the sale's durable record — hashed to tell a retry from a different basket under the same receipt,
     * and kept so that the recovery completes a sale interrupted by a crash exactly as it was asked.
     */
    public Recorded sell(Branches.Terminal terminal, JsonNode body) {
        SaleRequest r = SaleRequest.sale(body);
        String hash = hash(body);
        Optional<Row> existing = database.inTransaction(tx -> row(tx, terminal.id(), r.receipt()));
        if (existing.isPresent()) {
            if (!existing.get().hash().equals(hash)) {
                throw new Problem(409, "Receipt recorded with other content", "Receipt " + r.receipt() + " of " + terminal.id()
                        + " was recorded with another basket; a new sale needs a new receipt number", "receipt");
            }
            if (existing.get().completed()) {
                return new Recorded(false, read(existing.get().answer()));
            }
        }
        if (!r.needsClub() && paid(r) != null) { // the club checks a member's sale's payments in its own transaction
            BigDecimal due = plain(r, false).amountDue();
            if (paid(r).compareTo(due) != 0) {
                throw Problem.invalidField("payments", "The payments add up to " + paid(r).toPlainString() + ", the amount due is "
                        + due.toPlainString());
            }
        }
        String saleId = existing.map(Row::id).orElseGet(() -> pending(terminal, r, hash, body));
        return complete(saleId, terminal, r);
    }

    /** What the payments add up to, or null when the register gave none. */
    private static BigDecimal paid(SaleRequest r) {
        return r.payments().isEmpty() ? null : r.payments().stream().map(SaleRequest.Payment::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private String pending(Branches.Terminal terminal, SaleRequest r, String hash, JsonNode body) {
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        try {
            database.inTransaction(tx -> Sql.update(tx, "INSERT INTO pos_sale (id, terminal_id, receipt, branch_code, cashier, sold_at,"
                    + " received_at, currency, status, request_hash, request_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)",
                    id, terminal.id(), r.receipt(), terminal.branch(), r.cashier(), r.soldAt() == null ? now : r.soldAt(), now,
                    r.currency(), hash, body.toString()));
            return id;
        } catch (RuntimeException raced) {
            // the same receipt sent twice at once: the other request wrote it
            return database.inTransaction(tx -> row(tx, terminal.id(), r.receipt())).map(Row::id).orElseThrow(() -> raced);
        }
    }

    /** The club's side (one call: member, payments and effects in its one transaction), then the sale recorded. */
    private Recorded complete(String saleId, Branches.Terminal terminal, SaleRequest r) {
        ClubCheckout.Priced priced;
        try {
            priced = r.needsClub() ? club().complete(source(terminal.id(), r.receipt()),
                    new ClubCheckout.MemberRef(r.card(), r.mobile(), r.memberId()), checkout(terminal, r),
                    r.payments().stream().map(p -> new ClubCheckout.Payment(p.method(), p.amount())).toList()) : plain(r, true);
        } catch (Problem refused) {
            if (refused.status() < 500) { // the sale is not made: the register may correct it and send it again
                database.inTransaction(tx -> Sql.update(tx, "DELETE FROM pos_sale WHERE id = ? AND status = 'PENDING'", saleId));
            }
            throw refused;
        }
        Recorded recorded = database.inTransaction(tx -> {
            Row row = rowById(tx, saleId).orElseThrow();
            if (row.completed()) {
                return new Recorded(false, read(row.answer()));
            }
            ObjectNode answer = JSON.valueToTree(priced);
            answer.remove("applied");
            answer.put("saleId", saleId);
            answer.put("terminal", terminal.id());
            answer.put("branch", terminal.branch());
            answer.put("receipt", r.receipt());
            answer.put("cashier", r.cashier());
            answer.put("soldAt", row.soldAt().toString());
            answer.set("payments", JSON.valueToTree(r.payments().isEmpty()
                    ? List.of(new SaleRequest.Payment("unspecified", priced.amountDue())) : r.payments()));
            // the register's retry and the recovery route may complete the same sale at once: one of them
            // records it, the other waits for the row and answers what the first recorded
            if (Sql.update(tx, "UPDATE pos_sale SET status = 'COMPLETED', member_id = ?, subtotal = ?, total = ?, answer_json = ?"
                    + " WHERE id = ? AND status = 'PENDING'", priced.memberId(), priced.subtotal(), priced.total(), write(answer), saleId) == 0) {
                return null;
            }
            for (int i = 0; i < r.lines().size(); i++) {
                ClubCheckout.Line l = r.lines().get(i);
                Sql.update(tx, "INSERT INTO pos_sale_line (sale_id, line_no, sku, category, quantity, unit_price) VALUES (?, ?, ?, ?, ?, ?)",
                        saleId, i, l.sku(), l.category(), l.quantity(), l.unitPrice());
            }
            eventLog.append(tx, "pos", "pos.sale.completed", priced.memberId() != null ? priced.memberId() : saleId, answer);
            return new Recorded(true, answer);
        });
        if (recorded == null) { // completed by the other request in the meantime
            return new Recorded(false, read(database.inTransaction(tx -> rowById(tx, saleId)).orElseThrow().answer()));
        }
        return recorded;
    }

    /**
     * Completes sales left PENDING for longer than the configured time (their register went away after
     * the sale was sent): the club's part is asked again (it happens once), then the sale is recorded.
     * For the recovery route: {@code bean:posSales?method=completePendingNow}. Returns how many.
     */
    public int completePendingNow() {
        Instant before = Instant.now().minusSeconds(config.recoverPendingAfterSeconds());
        List<String[]> pending = database.inTransaction(tx -> Sql.list(tx, "SELECT id, terminal_id, request_json FROM pos_sale"
                + " WHERE status = 'PENDING' AND received_at < ? ORDER BY received_at", rs -> new String[] {rs.getString(1),
                rs.getString(2), rs.getString(3)}, before));
        int done = 0;
        for (String[] p : pending) {
            try {
                Branches.Terminal terminal = branches.terminal(p[1]).orElseThrow();
                SaleRequest r = SaleRequest.sale(read(p[2]));
                if (complete(p[0], terminal, r).applied()) {
                    done++;
                }
            } catch (RuntimeException e) {
                LOG.warn("Pending sale {} could not be completed yet: {}", p[0], e.getMessage());
            }
        }
        return done;
    }

    public JsonNode sale(Branches.Terminal caller, String terminalId, String receipt) {
        Row row = database.inTransaction(tx -> row(tx, terminalId, receipt))
                .filter(s -> caller == null || s.branch().equals(caller.branch()))
                .filter(Row::completed)
                .orElseThrow(() -> Problem.notFound("No sale " + receipt + " of terminal " + terminalId + " in this branch"));
        ObjectNode sale = (ObjectNode) read(row.answer());
        sale.set("refunds", database.inTransaction(tx -> {
            ArrayNode refunds = JSON.createArrayNode();
            Sql.list(tx, "SELECT answer_json FROM pos_refund WHERE sale_id = ? ORDER BY created_at", rs -> refunds.add(read(rs.getString(1))),
                    row.id());
            return refunds;
        }));
        return sale;
    }

    // --- refunds -------------------------------------------------------------------------------------

    public Recorded refund(Branches.Terminal caller, JsonNode body) {
        Fields f = new Fields(body, Set.of("terminal", "receipt", "refund", "lines", "amount"));
        String terminalId = Optional.ofNullable(f.text("terminal", false, 60)).orElse(caller.id());
        String receipt = f.text("receipt", true, 60);
        String refundNo = f.text("refund", true, 60);
        Row sale = database.inTransaction(tx -> row(tx, terminalId, receipt)).filter(Row::completed)
                .filter(s -> s.branch().equals(caller.branch()))
                .orElseThrow(() -> Problem.invalidField("receipt", "No completed sale " + receipt + " of terminal " + terminalId
                        + " in this branch"));
        Optional<String> before = database.inTransaction(tx -> Sql.one(tx, "SELECT answer_json FROM pos_refund WHERE sale_id = ?"
                + " AND refund_no = ?", rs -> rs.getString(1), sale.id(), refundNo));
        if (before.isPresent()) {
            return new Recorded(false, read(before.get()));
        }
        JsonNode answer = read(sale.answer());
        BigDecimal total = answer.get("total").decimalValue();
        BigDecimal subtotal = answer.get("subtotal").decimalValue();
        List<Map<String, Object>> lines = new ArrayList<>();
        BigDecimal amount = database.inTransaction(tx -> {
            BigDecimal refundedBefore = Sql.decimal(tx, "SELECT COALESCE(SUM(amount), 0) FROM pos_refund WHERE sale_id = ?", sale.id());
            BigDecimal left = total.subtract(refundedBefore);
            JsonNode lineNodes = body.get("lines");
            BigDecimal asked;
            if (lineNodes != null) {
                if (body.has("amount")) {
                    throw Problem.invalidField("amount", "Give lines or an amount, not both");
                }
                asked = linesAmount(tx, sale.id(), lineNodes, total, subtotal, lines);
            } else if (body.has("amount")) {
                asked = f.decimal("amount", true);
                if (asked.signum() <= 0 || asked.stripTrailingZeros().scale() > 2) {
                    throw Problem.invalidField("amount", "amount is more than 0, with at most two decimals");
                }
            } else {
                asked = left; // the whole rest of the sale
            }
            if (asked.compareTo(left) > 0 || left.signum() == 0) {
                throw Problem.invalidField(lineNodes != null ? "lines" : "amount", "Only " + left.toPlainString() + " of this sale is left"
                        + " to refund");
            }
            return asked;
        });
        BigDecimal refundedBefore = database.inTransaction(tx -> Sql.decimal(tx, "SELECT COALESCE(SUM(amount), 0) FROM pos_refund"
                + " WHERE sale_id = ?", sale.id()));
        boolean whole = refundedBefore.add(amount).compareTo(total) == 0;
        ClubCheckout.Refunded club = null;
        boolean throughClub = !answer.path("memberId").isNull() || answer.path("discounts").size() > 0;
        if (throughClub && total.signum() > 0) {
            String release = config.releaseVouchersOnRefund();
            BigDecimal share = whole ? BigDecimal.ONE.subtract(refundedBefore.divide(total, 10, RoundingMode.HALF_UP))
                    : amount.divide(total, 10, RoundingMode.HALF_UP);
            club = club().refund(source(sale.terminal(), receipt), source(sale.terminal(), receipt) + ":refund:" + refundNo, share,
                    "always".equals(release) || ("full".equals(release) && whole));
        }
        ObjectNode refund = JSON.createObjectNode();
        refund.put("saleId", sale.id());
        refund.put("terminal", sale.terminal());
        refund.put("receipt", receipt);
        refund.put("refund", refundNo);
        refund.put("refundedBy", caller.id());
        refund.put("amount", amount);
        BigDecimal toCard = club == null ? BigDecimal.ZERO : club.storedValueRefunded();
        refund.put("storedValueRefunded", toCard);
        refund.put("payBack", amount.subtract(toCard));
        refund.put("wholeSaleRefunded", whole);
        refund.put("memberId", answer.path("memberId").isNull() ? null : answer.get("memberId").asText());
        if (club != null) {
            refund.put("pointsTakenBack", club.pointsTakenBack());
            refund.put("pointsGivenBack", club.pointsGivenBack());
            refund.set("vouchersReleased", JSON.valueToTree(club.vouchersReleased()));
            refund.put("pointsBalance", club.pointsBalance());
            refund.put("tier", club.tier());
        }
        refund.put("createdAt", Instant.now().toString());
        return database.inTransaction(tx -> {
            Optional<String> raced = Sql.one(tx, "SELECT answer_json FROM pos_refund WHERE sale_id = ? AND refund_no = ?",
                    rs -> rs.getString(1), sale.id(), refundNo);
            if (raced.isPresent()) {
                return new Recorded(false, read(raced.get()));
            }
            Sql.update(tx, "INSERT INTO pos_refund (sale_id, refund_no, terminal_id, amount, lines_json, answer_json, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?)", sale.id(), refundNo, caller.id(), amount, write(JSON.valueToTree(lines)),
                    write(refund), Instant.now());
            eventLog.append(tx, "pos", "pos.sale.refunded", refund.path("memberId").isNull() ? sale.id() : refund.get("memberId").asText(),
                    refund);
            return new Recorded(true, refund);
        });
    }

    /** The refund of these lines at what they cost after the sale's discounts; never more than was sold of each. */
    private static BigDecimal linesAmount(Connection tx, String saleId, JsonNode lineNodes, BigDecimal total, BigDecimal subtotal,
                                          List<Map<String, Object>> out) throws SQLException {
        if (!lineNodes.isArray() || lineNodes.isEmpty()) {
            throw Problem.invalidField("lines", "lines lists [{sku, quantity}] to refund");
        }
        Map<String, BigDecimal[]> sold = new LinkedHashMap<>(); // sku -> [quantity left, unit price]
        Sql.list(tx, "SELECT sku, SUM(quantity), MAX(unit_price) FROM pos_sale_line WHERE sale_id = ? GROUP BY sku",
                rs -> sold.put(rs.getString(1), new BigDecimal[] {rs.getBigDecimal(2), rs.getBigDecimal(3)}), saleId);
        for (String before : Sql.list(tx, "SELECT lines_json FROM pos_refund WHERE sale_id = ?", rs -> rs.getString(1), saleId)) {
            for (JsonNode l : read(before)) {
                BigDecimal[] s = sold.get(l.get("sku").asText());
                s[0] = s[0].subtract(l.get("quantity").decimalValue());
            }
        }
        BigDecimal amount = BigDecimal.ZERO;
        for (int i = 0; i < lineNodes.size(); i++) {
            String at = "lines[" + i + "]";
            JsonNode node = lineNodes.get(i);
            Fields line;
            try {
                line = new Fields(node, Set.of("sku", "quantity"));
            } catch (Problem p) {
                throw Problem.invalidField(at + "." + p.field(), p.getMessage());
            }
            String sku = node.path("sku").asText(null);
            BigDecimal[] s = sku == null ? null : sold.get(sku);
            if (s == null) {
                throw Problem.invalidField(at + ".sku", "The sale has no line " + sku);
            }
            BigDecimal quantity = node.path("quantity").isNumber() ? node.get("quantity").decimalValue() : null;
            if (quantity == null || quantity.signum() <= 0 || quantity.compareTo(s[0]) > 0) {
                throw Problem.invalidField(at + ".quantity", "At most " + s[0].stripTrailingZeros().toPlainString() + " of " + sku
                        + " is left to refund");
            }
            s[0] = s[0].subtract(quantity);
            BigDecimal net = subtotal.signum() == 0 ? BigDecimal.ZERO : s[1].multiply(total).divide(subtotal, 10, RoundingMode.HALF_UP);
            amount = amount.add(net.multiply(quantity));
            out.add(Map.of("sku", sku, "quantity", quantity));
        }
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    // --- helpers -------------------------------------------------------------------------------------

    private ClubCheckout club() {
        ClubCheckout c = club;
        if (c == null) {
            throw new Problem(503, "Club not available", "The club plugin is not running; members, vouchers, points and stored value"
                    + " cannot be used until it is back (plain sales still work)", null);
        }
        return c;
    }

    /**
     * The basket as the club takes it; the member goes separately, as the register named them. {@code terminal} is null
     * for a quote asked by the back office (no branch: branch campaigns do not apply).
     */
    private static ClubCheckout.Checkout checkout(Branches.Terminal terminal, SaleRequest r) {
        return new ClubCheckout.Checkout(null, r.currency(), terminal == null ? null : terminal.branch(), r.soldAt(), r.lines(),
                r.vouchers(), r.points(), r.storedValue());
    }

    /** A sale that needs nothing of the club: its lines' sum. */
    private static ClubCheckout.Priced plain(SaleRequest r, boolean applied) {
        if (!r.currency().matches("[A-Z]{3}")) {
            throw Problem.invalidField("currency", "currency is an ISO 4217 code such as IRR");
        }
        BigDecimal subtotal = BigDecimal.ZERO;
        for (ClubCheckout.Line l : r.lines()) { // each line was checked when the request was read
            subtotal = subtotal.add(l.quantity().multiply(l.unitPrice()));
        }
        subtotal = subtotal.setScale(2, RoundingMode.HALF_UP);
        return new ClubCheckout.Priced(applied, null, r.currency(), subtotal, List.of(), subtotal, BigDecimal.ZERO, subtotal, 0, 0,
                List.of(), null, null, null);
    }

    /** The club's key of a sale: the terminal and its receipt number. */
    static String source(String terminalId, String receipt) {
        return "pos:" + terminalId + ":" + receipt;
    }

    private static String hash(JsonNode body) {
        return org.vafa.api.crypto.Sha256.hex(body.toString());
    }

    /** Any answer as JSON (times as ISO-8601 text). */
    public static JsonNode tree(Object value) {
        return JSON.valueToTree(value);
    }

    /** JSON text as it is stored and answered (plain decimals: a replayed answer reads as the first). */
    static String write(JsonNode json) {
        try {
            return JSON.writeValueAsString(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is not readable", e);
        }
    }

    private record Row(String id, String terminal, String branch, Instant soldAt, boolean completed, String hash, String answer) {
    }

    private static Optional<Row> row(Connection tx, String terminalId, String receipt) throws SQLException {
        return Sql.one(tx, "SELECT id, terminal_id, branch_code, sold_at, status, request_hash, answer_json FROM pos_sale"
                + " WHERE terminal_id = ? AND receipt = ?", PosSales::row, terminalId, receipt);
    }

    private static Optional<Row> rowById(Connection tx, String id) throws SQLException {
        return Sql.one(tx, "SELECT id, terminal_id, branch_code, sold_at, status, request_hash, answer_json FROM pos_sale WHERE id = ?",
                PosSales::row, id);
    }

    private static Row row(java.sql.ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getString(3), Sql.instant(rs, 4), "COMPLETED".equals(rs.getString(5)),
                rs.getString(6), rs.getString(7));
    }
}
