package org.vafa.crm.documents;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.apache.camel.Exchange;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.events.CloudEvent;
import org.vafa.api.events.EventLog;
import org.vafa.api.locale.PlatformLocale;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.RestJson;
import org.vafa.crm.CrmConfig;
import org.vafa.crm.customers.Customers;

/**
 * The proforma chain: a proforma (pre-invoice) with lines, VAT and totals → an invoice, numbered per year without
 * gaps → a warehouse dispatch note, whose {@code crm.document.dispatched} event carries the lines (the shop moves
 * stock by it). Every step is a {@code crm.document.*} event and lands on the customer's timeline. Cancelling: an
 * open proforma, or an invoice not yet dispatched (its number stays, marked cancelled); nothing after dispatch.
 */
@Component(service = Documents.class, property = "name=crmDocuments", configurationPid = "org.vafa.crm",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class Documents {
    private static final Map<String, String> PREFIX = Map.of("proforma", "PRO", "invoice", "INV", "dispatch", "DSP");

    private final Database database;
    private final EventLog eventLog;
    private final Customers customers;
    private final PlatformLocale locale;
    private volatile BigDecimal vatPercent;

    public record DocumentLine(String sku, String name, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
    }

    public record Document(String id, String kind, String number, String customerId, String sourceId, String status, String currency,
                           BigDecimal subtotal, BigDecimal vatRate, BigDecimal vat, BigDecimal total, List<DocumentLine> lines, String createdBy,
                           Instant createdAt, Instant updatedAt, String orderRef) {
    }

    /** {@code POST /api/crm/documents}: a proforma for the member, checked however it is made; {@code currency} null is the platform's. */
    public record NewProforma(String memberId, String currency, List<DocumentLine> lines) {
        public NewProforma {
            if (memberId == null || !memberId.matches("[A-Za-z0-9-]{1,36}")) {
                throw Problem.invalidField("memberId", "memberId is the member's id");
            }
            if (currency != null && !currency.matches("[A-Z]{3}")) {
                throw Problem.invalidField("currency", "An ISO 4217 code such as IRR");
            }
            if (lines == null || lines.isEmpty() || lines.size() > 200) {
                throw Problem.invalidField("lines", "lines lists 1 to 200 items");
            }
            lines = List.copyOf(lines);
        }

        public static NewProforma read(JsonNode body) {
            Fields f = new Fields(body, Set.of("memberId", "currency", "lines"));
            List<DocumentLine> lines = new ArrayList<>();
            List<Fields> items = f.objects("lines", Set.of("sku", "name", "quantity", "unitPrice"), 200);
            for (int i = 0; i < items.size(); i++) {
                Fields l = items.get(i);
                BigDecimal quantity = l.decimal("quantity", true);
                BigDecimal price = l.decimal("unitPrice", true);
                if (quantity.signum() <= 0 || quantity.scale() > 3 || quantity.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
                    throw Problem.invalidField("lines[" + i + "].quantity", "a quantity is more than 0, at most 1000000, three decimals");
                }
                if (price.signum() < 0 || price.stripTrailingZeros().scale() > 2 || price.compareTo(new BigDecimal("1e15")) > 0) {
                    throw Problem.invalidField("lines[" + i + "].unitPrice", "a price is 0 or more, at most 10^15, two decimals");
                }
                lines.add(new DocumentLine(l.text("sku", true, 100), l.text("name", false, 200), quantity, price,
                        quantity.multiply(price).setScale(2, RoundingMode.HALF_UP)));
            }
            return new NewProforma(f.text("memberId", true, 36), f.text("currency", false, 3), lines);
        }
    }

    @Activate
    public Documents(@Reference Database database, @Reference EventLog eventLog, @Reference Customers customers,
                     @Reference PlatformLocale locale, CrmConfig config) {
        this.database = database;
        this.eventLog = eventLog;
        this.customers = customers;
        this.locale = locale;
        modified(config);
    }

    @Modified
    void modified(CrmConfig config) {
        if (config.vatPercent() < 0 || config.vatPercent() > 100) {
            throw new IllegalArgumentException("vatPercent is 0 to 100");
        }
        vatPercent = BigDecimal.valueOf(config.vatPercent());
    }

    public Document proforma(NewProforma p, String by) {
        return database.inTransaction(tx -> proforma(tx, p, by, null));
    }

    private Document proforma(Connection tx, NewProforma p, String by, String orderRef) throws SQLException {
        BigDecimal subtotal = p.lines().stream().map(DocumentLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal rate = vatPercent;
        BigDecimal vat = subtotal.multiply(rate).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
        String currency = p.currency() == null ? locale.currency() : p.currency();
        Customers.Customer customer = customers.ofMember(tx, p.memberId());
        Document d = insert(tx, "proforma", customer.id(), null, "open", currency, subtotal, rate, vat, subtotal.add(vat), p.lines(), by,
                orderRef);
        publish(tx, "crm.document.proforma-issued", p.memberId(), d);
        return d;
    }

    /**
     * For the route on a storefront order ({@code shop.order.placed}, the member in header {@code VafaMemberId}): the
     * order's proforma, which starts the follow-up chain (proforma → invoice → dispatch; the dispatch tells the shop the
     * goods left). Once per order however often the event comes; an order without a member makes none.
     */
    public Optional<Document> proformaForOrder(Exchange exchange) {
        String memberId = exchange.getMessage().getHeader("VafaMemberId", String.class);
        Map<?, ?> order = exchange.getMessage().getBody(Map.class);
        if (memberId == null || order == null) {
            return Optional.empty();
        }
        String orderRef = String.valueOf(order.get("orderId"));
        List<DocumentLine> lines = new ArrayList<>();
        for (Object item : (List<?>) order.get("lines")) {
            Map<?, ?> l = (Map<?, ?>) item;
            BigDecimal quantity = new BigDecimal(String.valueOf(l.get("quantity")));
            BigDecimal price = new BigDecimal(String.valueOf(l.get("unitPrice")));
            lines.add(new DocumentLine(String.valueOf(l.get("sku")), l.get("name") == null ? null : String.valueOf(l.get("name")), quantity,
                    price, quantity.multiply(price).setScale(2, RoundingMode.HALF_UP)));
        }
        Object currency = order.get("currency");
        NewProforma p = new NewProforma(memberId, currency == null ? null : currency.toString(), lines);
        return Optional.of(database.inTransaction(tx -> {
            Optional<Document> made = byOrder(tx, "proforma", orderRef);
            return made.isPresent() ? made.get() : proforma(tx, p, "shop", orderRef);
        }));
    }

    /**
     * For the route on a cancelled storefront order ({@code shop.order.cancelled}): its proforma, or its invoice if not yet
     * dispatched, is cancelled. A document already cancelled or dispatched is left (a return after dispatch is the shop's
     * and the club's to reverse).
     */
    public Optional<Document> cancelForOrder(Exchange exchange) {
        Map<?, ?> order = exchange.getMessage().getBody(Map.class);
        if (order == null) {
            return Optional.empty();
        }
        String orderRef = String.valueOf(order.get("orderId"));
        Optional<Document> open = database.inTransaction(tx -> {
            Optional<Document> invoice = byOrder(tx, "invoice", orderRef);
            return invoice.isPresent() ? invoice : byOrder(tx, "proforma", orderRef);
        }).filter(d -> d.kind().equals("proforma") && d.status().equals("open") || d.kind().equals("invoice") && d.status().equals("issued"));
        return open.map(d -> cancel(d.id(), "shop"));
    }

    private static Optional<Document> byOrder(Connection tx, String kind, String orderRef) throws SQLException {
        return Sql.one(tx, "SELECT " + COLUMNS + " FROM crm_document WHERE kind = ? AND order_ref = ?", Documents::document, kind, orderRef);
    }

    /** The proforma becomes an invoice (the proforma is then {@code converted}); once. */
    public Document invoice(String proformaId, String by) {
        return database.inTransaction(tx -> {
            Document p = locked(tx, proformaId);
            if (!p.kind().equals("proforma")) {
                throw Problem.conflict(p.number() + " is not a proforma");
            }
            if (!p.status().equals("open")) {
                throw Problem.conflict("Proforma " + p.number() + " is " + p.status());
            }
            Sql.update(tx, "UPDATE crm_document SET status = 'converted', updated_at = ? WHERE id = ?", Instant.now(), p.id());
            Document invoice = insert(tx, "invoice", p.customerId(), p.id(), "issued", p.currency(), p.subtotal(), p.vatRate(), p.vat(),
                    p.total(), p.lines(), by, p.orderRef());
            publish(tx, "crm.document.invoiced", memberOf(tx, p.customerId()), invoice);
            return invoice;
        });
    }

    /** The invoice produces a dispatch note; {@code crm.document.dispatched} carries its lines. Once. */
    public Document dispatch(String invoiceId, String by) {
        return database.inTransaction(tx -> {
            Document invoice = locked(tx, invoiceId);
            if (!invoice.kind().equals("invoice") || !invoice.status().equals("issued")) {
                throw Problem.conflict(invoice.number() + " is not an issued invoice (" + invoice.status() + ")");
            }
            Sql.update(tx, "UPDATE crm_document SET status = 'dispatched', updated_at = ? WHERE id = ?", Instant.now(), invoice.id());
            Document note = insert(tx, "dispatch", invoice.customerId(), invoice.id(), "issued", invoice.currency(), invoice.subtotal(),
                    invoice.vatRate(), invoice.vat(), invoice.total(), invoice.lines(), by, invoice.orderRef());
            publish(tx, "crm.document.dispatched", memberOf(tx, invoice.customerId()), note);
            return note;
        });
    }

    /** Cancels an open proforma or an invoice not yet dispatched. */
    public Document cancel(String id, String by) {
        return database.inTransaction(tx -> {
            Document d = locked(tx, id);
            boolean allowed = d.kind().equals("proforma") && d.status().equals("open") || d.kind().equals("invoice") && d.status().equals("issued");
            if (!allowed) {
                throw Problem.conflict(d.number() + " cannot be cancelled now (" + d.kind() + ", " + d.status() + ")");
            }
            Sql.update(tx, "UPDATE crm_document SET status = 'cancelled', updated_at = ? WHERE id = ?", Instant.now(), id);
            Document cancelled = locked(tx, id);
            publish(tx, "crm.document.cancelled", memberOf(tx, d.customerId()), cancelled);
            return cancelled;
        });
    }

    public Optional<Document> get(String id) {
        return database.inTransaction(tx -> Sql.one(tx, "SELECT " + COLUMNS + " FROM crm_document WHERE id = ?", Documents::document, id));
    }

    public List<Document> list(String customerId, String kind, int limit) {
        if (kind != null && !PREFIX.containsKey(kind)) {
            throw Problem.invalidField("kind", "kind is proforma, invoice or dispatch");
        }
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder("1 = 1");
        if (customerId != null) {
            where.append(" AND customer_id = ?");
            params.add(customerId);
        }
        if (kind != null) {
            where.append(" AND kind = ?");
            params.add(kind);
        }
        params.add(limit);
        return database.inTransaction(tx -> Sql.list(tx, "SELECT " + COLUMNS + " FROM crm_document WHERE " + where
                + " ORDER BY created_at DESC LIMIT ?", Documents::document, params.toArray()));
    }

    private Document insert(Connection tx, String kind, String customerId, String sourceId, String status, String currency,
                            BigDecimal subtotal, BigDecimal rate, BigDecimal vat, BigDecimal total, List<DocumentLine> lines, String by,
                            String orderRef) throws SQLException {
        int year = year();
        // the counter row is locked while the number is given: concurrent invoices wait, none is skipped
        if (Sql.update(tx, "UPDATE crm_document_counter SET last_number = last_number + 1 WHERE kind = ? AND doc_year = ?", kind, year) == 0) {
            Sql.update(tx, "INSERT INTO crm_document_counter (kind, doc_year, last_number) VALUES (?, ?, 1)", kind, year);
        }
        long n = Sql.number(tx, "SELECT last_number FROM crm_document_counter WHERE kind = ? AND doc_year = ?", kind, year);
        String number = String.format("%s-%d-%06d", PREFIX.get(kind), year, n);
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString();
        Sql.update(tx, "INSERT INTO crm_document (id, kind, number, customer_id, source_id, status, currency, subtotal, vat_rate, vat, total,"
                + " lines_json, created_by, created_at, updated_at, order_ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, kind,
                number, customerId, sourceId, status, currency, subtotal, rate, vat, total, RestJson.MAPPER.valueToTree(lines).toString(), by,
                now, now, orderRef);
        return locked(tx, id);
    }

    /** The year documents are numbered in: the Solar Hijri year where the platform's region is Iran, else the Gregorian. */
    private int year() {
        if ("IR".equals(locale.region())) {
            com.ibm.icu.util.PersianCalendar calendar = new com.ibm.icu.util.PersianCalendar(
                    com.ibm.icu.util.TimeZone.getTimeZone(locale.timeZone().getId()));
            return calendar.get(com.ibm.icu.util.Calendar.YEAR);
        }
        return java.time.LocalDate.now(locale.timeZone()).getYear();
    }

    private void publish(Connection tx, String type, String memberId, Document d) throws SQLException {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("documentId", d.id());
        data.put("kind", d.kind());
        data.put("number", d.number());
        data.put("status", d.status());
        data.put("memberId", memberId);
        data.put("customerId", d.customerId());
        data.put("sourceId", d.sourceId());
        data.put("currency", d.currency());
        data.put("total", d.total());
        data.put("lines", d.lines());
        data.put("orderRef", d.orderRef());
        CloudEvent event = eventLog.append(tx, "crm", type, memberId != null ? memberId : d.id(), data);
        Sql.update(tx, "INSERT INTO crm_timeline (customer_id, event_id, kind, event_type, occurred_at, data_json) VALUES (?, ?, 'document',"
                + " ?, ?, ?)", d.customerId(), event.id(), type, event.time(), RestJson.MAPPER.valueToTree(data).toString());
    }

    private static String memberOf(Connection tx, String customerId) throws SQLException {
        return Sql.one(tx, "SELECT member_id FROM crm_customer WHERE id = ?", rs -> rs.getString(1), customerId).orElse(null);
    }

    private Document locked(Connection tx, String id) throws SQLException {
        return Sql.one(tx, "SELECT " + COLUMNS + " FROM crm_document WHERE id = ? FOR UPDATE", Documents::document, id)
                .orElseThrow(() -> Problem.notFound("No document " + id));
    }

    private static final String COLUMNS = "id, kind, number, customer_id, source_id, status, currency, subtotal, vat_rate, vat, total,"
            + " lines_json, created_by, created_at, updated_at, order_ref";

    private static Document document(java.sql.ResultSet rs) throws SQLException {
        List<DocumentLine> lines = RestJson.MAPPER.convertValue(RestJson.parse(rs.getString(12)),
                RestJson.MAPPER.getTypeFactory().constructCollectionType(List.class, DocumentLine.class));
        return new Document(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getBigDecimal(10), rs.getBigDecimal(11), lines,
                rs.getString(13), Sql.instant(rs, 14), Sql.instant(rs, 15), rs.getString(16));
    }
}
