package org.vafa.sms.messages;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.NoSuchBeanException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.channels.TextChannel;
import org.vafa.api.contacts.Contact;
import org.vafa.api.contacts.Contacts;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.events.EventHeaders;
import org.vafa.api.events.EventLog;
import org.vafa.api.input.PhoneNumbers;
import org.vafa.api.locale.PlatformLocale;
import org.vafa.api.plugin.PluginReady;
import org.vafa.api.rest.Problem;
import org.vafa.sms.SmsConfig;
import org.vafa.sms.api.SmsDeliveryReports;
import org.vafa.templates.LiveTemplates;

/**
 * The SMS outbox and message box. Routes queue messages ({@code bean:smsMessages?method=sendToMember}
 * for a member, {@code method=sendTo} for a staff number); each is rendered from its template, checked
 * against consent, opt-outs and quiet hours, and stored once per event and type; the dispatcher sends
 * it. Gateways report delivery and inbound texts here («لغو» or "stop" opts the number out).
 */
@Component(service = {SmsMessages.class, SmsDeliveryReports.class, TextChannel.class}, property = "name=smsMessages", configurationPid = "org.vafa.sms",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SmsConfig.class)
public class SmsMessages implements SmsDeliveryReports, TextChannel {
    private static final Logger LOG = LoggerFactory.getLogger(SmsMessages.class);
    /** The header a route sets to say which template (and message type) to use. */
    public static final String TYPE_HEADER = "VafaMessageType";
    /** The header a route sets to send later: an ISO-8601 duration from now. */
    public static final String DELAY_HEADER = "VafaSmsDelay";
    private static final Set<String> STOP_WORDS = Set.of("stop", "لغو", "11", "لغو عضویت", "cancel");

    @Reference
    private Database database;
    @Reference(target = "(" + PluginReady.NAME + "=sms)")
    private PluginReady ready; // the plugin's tables are there
    @Reference
    private EventLog eventLog;
    private LiveTemplates templates;
    @Reference
    private Contacts contacts;
    @Reference
    private PlatformLocale locale;

    private volatile Settings settings;

    /** The configuration, parsed once. */
    public record Settings(String gateway, Map<String, String> senderLines, Set<String> marketing, Set<String> urgent, QuietHours quiet,
                           String language, int ratePerSecond, int maxBackoffSeconds, int maxAttempts) {
        public static Settings of(SmsConfig c, PlatformLocale locale) {
            Map<String, String> lines = new HashMap<>();
            for (String pair : c.senderLines().split(",")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2 && !kv[0].isBlank()) {
                    lines.put(kv[0].trim(), kv[1].trim());
                }
            }
            return new Settings(c.gateway(), lines, words(c.marketingTypes()), words(c.urgentTypes()),
                    QuietHours.parse(c.quietHours(), locale.timeZone()), locale.language(), Math.max(1, c.ratePerSecond()),
                    Math.max(5, c.maxBackoffSeconds()), Math.max(1, c.maxAttempts()));
        }

        private static Set<String> words(String list) {
            return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        }

        /** The same settings with another gateway and quiet hours (tests, and the shell later). */
        public Settings withGatewayAndQuiet(String otherGateway, QuietHours otherQuiet) {
            return new Settings(otherGateway, senderLines, marketing, urgent, otherQuiet, language, ratePerSecond, maxBackoffSeconds,
                    maxAttempts);
        }

        String senderLine(String type) {
            return senderLines.getOrDefault(type, senderLines.get("*"));
        }
    }

    public SmsMessages() {
    }

    @Activate
    void activate(SmsConfig config) {
        templates = LiveTemplates.forServer("sms");
        settings = Settings.of(config, locale);
    }

    /** A changed configuration (another gateway, quiet hours, ...) applies at once. */
    @Modified
    void modified(SmsConfig config) {
        settings = Settings.of(config, locale);
    }

    /** Outside OSGi (tests). */
    public SmsMessages(Database database, EventLog eventLog, LiveTemplates templates, Contacts contacts, PlatformLocale locale,
                       Settings settings) {
        this.database = database;
        this.eventLog = eventLog;
        this.templates = templates;
        this.contacts = contacts;
        this.locale = locale;
        this.settings = settings;
    }

    /** {@code <server>/templates/sms}: {@code <type>.<language>.ftl}. */
    /** A member as templates see them, to try a new template with before it is accepted. */
    static final Map<String, Object> SAMPLE_MEMBER = Map.ofEntries(Map.entry("id", "sample"), Map.entry("firstName", "سارا"),
            Map.entry("lastName", "رضایی"), Map.entry("mobile", "+989121234567"), Map.entry("cards", List.of("6037990000000001")),
            Map.entry("status", "active"), Map.entry("tier", "silver"), Map.entry("pointsAvailable", 1200), Map.entry("pointsPending", 300),
            Map.entry("storedValue", java.math.BigDecimal.valueOf(500000)), Map.entry("currency", "IRR"), Map.entry("vouchers", List.of()),
            Map.entry("consentSms", true), Map.entry("email", "sara@example.com"), Map.entry("consentEmail", true));

    /** Saves a template after trying it with a sample member and any data (see {@link LiveTemplates#save}). */
    public void saveTemplate(String type, String language, String text) {
        templates.save(type, language, text, Map.of("member", SAMPLE_MEMBER));
    }

    public LiveTemplates templates() {
        return templates;
    }

    public Settings settings() {
        return settings;
    }

    public record Message(String id, String direction, String memberId, String staffUser, String phone, String type, String senderLine,
                          String body, String encoding, int parts, String status, String reason, String gateway,
                          String gatewayMessageId, int attempts, Instant nextAttemptAt, Instant createdAt, Instant sentAt,
                          Instant deliveredAt) {
    }

    // --- queueing ------------------------------------------------------------------------------------

    /**
     * For routes: a message of the type in {@value #TYPE_HEADER} to the member the event is about
     * ({@code memberId} in the event's data, else its subject). Once per event and type.
     */
    public Message sendToMember(Exchange exchange) {
        Map<String, Object> data = data(exchange);
        String type = type(exchange);
        Object memberId = data.getOrDefault("memberId", exchange.getMessage().getHeader(EventHeaders.SUBJECT));
        Contact member = contact("member:" + memberId).orElseThrow(() -> new IllegalArgumentException("No member " + memberId));
        String id = member.reference().substring("member:".length());
        if (member.mobile() == null) {
            return skipped(dedupKey(exchange, type), id, null, "", type, "no mobile number");
        }
        Map<String, Object> model = new HashMap<>();
        model.put("member", member.details());
        model.put("data", data);
        return queue(dedupKey(exchange, type), id, null, member.mobile(), type, model, member.consentSms(), member.language(), false,
                notBefore(exchange));
    }

    /**
     * The contact a reference names. While no installed plugin holds people of its kind (the club is stopped or
     * being replaced), the route's subscription waits as for a missing bean: the event is not lost.
     */
    private Optional<Contact> contact(String reference) {
        try {
            return contacts.resolve(reference);
        } catch (Contacts.KindNotInstalled e) {
            throw new NoSuchBeanException(e.beanName(), "a plugin that holds " + e.kind() + " contacts");
        }
    }

    /**
     * For routes: a message of the type to the header {@code VafaSmsTo} (or a {@code mobile} in the data): a number, or a
     * contact reference such as {@code staff:sara} (a new ticket to its expert), which needs no domain plugin here.
     */
    public Message sendTo(Exchange exchange) {
        Map<String, Object> data = data(exchange);
        Object to = exchange.getMessage().getHeader("VafaSmsTo", data.get("mobile"));
        if (to == null) {
            throw new IllegalArgumentException("No number: set the header VafaSmsTo or a 'mobile' in the data");
        }
        String type = type(exchange);
        String staffUser = exchange.getMessage().getHeader("VafaStaffUser", String.class);
        String reference = to.toString().strip();
        if (!reference.matches("[a-z][a-z0-9]*:.+")) {
            return queue(dedupKey(exchange, type), null, staffUser, e164(reference, "to"), type, Map.of("data", data), true, null, false,
                    notBefore(exchange));
        }
        Contact contact = contact(reference).orElseThrow(() -> new IllegalArgumentException("No contact " + reference));
        if (contact.mobile() == null) {
            return skipped(dedupKey(exchange, type), null, staffUser, "", type, "no mobile number for " + reference);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("data", data);
        model.put("contact", contact.details());
        // staff are texted about work (a ticket for them): at any hour, not held back by the members' quiet hours
        return queue(dedupKey(exchange, type), null, staffUser, contact.mobile(), type, model, contact.consentSms(), contact.language(),
                reference.startsWith("staff:"), notBefore(exchange));
    }

    /** For the platform (a member's sign-in code): a text to a contact now, see {@link TextChannel}. */
    @Override
    public String send(String reference, String type, Map<String, Object> data, String dedupKey) {
        Contact contact = contact(reference).orElseThrow(() -> new IllegalArgumentException("No contact " + reference));
        if (contact.mobile() == null) {
            throw new IllegalArgumentException("No mobile number for " + reference);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("data", data);
        model.put("contact", contact.details());
        String memberId = reference.startsWith("member:") ? reference.substring("member:".length()) : null;
        if (memberId != null) {
            model.put("member", contact.details());
        }
        return queue(dedupKey, memberId, null, contact.mobile(), type, model, contact.consentSms(), contact.language(), false, null).id();
    }

    /** A message typed by staff (REST); {@code key} makes a repeat harmless. */
    public Message sendText(String to, String text, String type, String staffUser, String key) {
        if (text == null || text.isBlank() || text.length() > 1000) {
            throw Problem.invalidField("text", "text is 1 to 1000 characters");
        }
        return insert(key, null, staffUser, e164(to, "to"), type == null ? "manual" : type, text.strip(), false, null);
    }

    private Message queue(String key, String memberId, String staffUser, String phone, String type, Map<String, Object> model,
                          boolean consented, String language, boolean anyHour, Instant notBefore) {
        Settings s = settings;
        Optional<Message> before = byKey(key);
        if (before.isPresent()) {
            return before.get();
        }
        if (!s.urgent().contains(type) && optedOut(phone)) {
            return skipped(key, memberId, staffUser, phone, type, "the number opted out");
        }
        if (s.marketing().contains(type) && !consented) {
            return skipped(key, memberId, staffUser, phone, type, "no consent to marketing SMS");
        }
        return insert(key, memberId, staffUser, phone, type, templates.render(type, language != null ? language : s.language(), model), anyHour,
                notBefore);
    }

    /**
     * A route's {@value #DELAY_HEADER} (an ISO-8601 duration, e.g. {@code PT24H}: a survey a day after the sale): not sent
     * before then (and then not in quiet hours).
     */
    private static Instant notBefore(Exchange exchange) {
        String delay = exchange.getMessage().getHeader(DELAY_HEADER, String.class);
        if (delay == null || delay.isBlank()) {
            return null;
        }
        try {
            return Instant.now().plus(java.time.Duration.parse(delay.strip()));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(DELAY_HEADER + " is an ISO-8601 duration such as PT24H, not '" + delay + "'");
        }
    }

    private Message skipped(String key, String memberId, String staffUser, String phone, String type, String reason) {
        return store(new Message(UUID.randomUUID().toString(), "OUT", memberId, staffUser, phone, type, null, "", "GSM7", 0, "SKIPPED",
                reason, null, null, 0, null, Instant.now(), null, null), key);
    }

    private Message insert(String key, String memberId, String staffUser, String phone, String type, String body, boolean anyHour,
                           Instant notBefore) {
        Settings s = settings;
        SmsText text = SmsText.of(body);
        Instant now = Instant.now();
        Instant from = notBefore != null && notBefore.isAfter(now) ? notBefore : now;
        Instant due = anyHour || s.urgent().contains(type) || s.quiet() == null ? from : s.quiet().sendableFrom(from);
        String waiting = from.isAfter(now) ? "waiting until " + from : due.isAfter(now) ? "waiting for the end of quiet hours" : null;
        Message queuedNow = store(new Message(UUID.randomUUID().toString(), "OUT", memberId, staffUser, phone, type, s.senderLine(type), body,
                text.ucs2() ? "UCS2" : "GSM7", text.parts(), "QUEUED", waiting,
                null, null, 0, due, now, null, null), key);
        if (!due.isAfter(now)) {
            queued.run(); // committed: the dispatcher sends it now rather than at its next tick
        }
        return queuedNow;
    }

    /** Told when a message is queued to be sent at once (the dispatcher wakes up). */
    public void onQueued(Runnable listener) {
        this.queued = listener == null ? () -> { } : listener;
    }

    /** Stores the message, or answers the one stored before under the same key. */
    private Message store(Message m, String key) {
        try {
            return database.inTransaction(tx -> {
                Sql.update(tx, "INSERT INTO sms_message (id, dedup_key, direction, member_id, staff_user, phone, message_type, sender_line,"
                        + " body, encoding, parts, status, reason, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                        + " ?, ?, ?, 0, ?, ?)", m.id(), key, m.direction(), m.memberId(), m.staffUser(), m.phone(), m.type(), m.senderLine(),
                        m.body(), m.encoding(), m.parts(), m.status(), m.reason(), m.nextAttemptAt(), m.createdAt());
                return m;
            });
        } catch (RuntimeException duplicate) {
            return byKey(key).orElseThrow(() -> duplicate);
        }
    }

    // --- what gateways report ------------------------------------------------------------------------

    /**
     * A receipt for a message, or for one part of a long one: the message is DELIVERED when every part is,
     * FAILED when one is not; a repeated or late receipt changes nothing.
     */
    @Override
    public void delivered(String gateway, String gatewayMessageId, boolean delivered, String detail) {
        database.inTransaction(tx -> {
            Optional<String> partOf = Sql.one(tx, "SELECT message_id FROM sms_message_part WHERE gateway = ? AND gateway_message_id = ?",
                    rs -> rs.getString(1), gateway, gatewayMessageId);
            Optional<Message> m = partOf.isPresent()
                    ? Sql.one(tx, "SELECT " + COLUMNS + " FROM sms_message WHERE id = ?", SmsMessages::message, partOf.get())
                    : Sql.one(tx, "SELECT " + COLUMNS + " FROM sms_message WHERE gateway = ? AND gateway_message_id = ?", SmsMessages::message,
                            gateway, gatewayMessageId);
            if (m.isEmpty()) {
                LOG.warn("Delivery report from {} for an unknown message {}", gateway, gatewayMessageId);
                return null;
            }
            String id = m.get().id();
            if (partOf.isPresent()) {
                Sql.update(tx, "UPDATE sms_message_part SET delivered = ? WHERE gateway = ? AND gateway_message_id = ?", delivered, gateway,
                        gatewayMessageId);
                long waiting = Sql.one(tx, "SELECT COUNT(*) FROM sms_message_part WHERE message_id = ? AND (delivered IS NULL OR NOT delivered)",
                        rs -> rs.getLong(1), id).orElse(0L);
                if (delivered && waiting > 0) {
                    return null; // more parts to come
                }
            }
            int changed = delivered
                    ? Sql.update(tx, "UPDATE sms_message SET status = 'DELIVERED', delivered_at = ? WHERE id = ? AND status = 'SENT'", Instant.now(), id)
                    : Sql.update(tx, "UPDATE sms_message SET status = 'FAILED', reason = ? WHERE id = ? AND status = 'SENT'", cut(detail), id);
            if (changed == 1) {
                event(tx, delivered ? "sms.delivered" : "sms.failed", id, m.get());
            }
            return null;
        });
    }

    /** Sent messages are asked about for this long; a provider that has no final status by then never will. */
    static final java.time.Duration REPORT_AWAITED = java.time.Duration.ofDays(3);

    /**
     * The sent messages asked about longest ago (or never) first, and marked as asked now: a message whose
     * status never becomes final goes to the back, so it cannot keep the newer ones from being asked.
     */
    @Override
    public List<String> awaitingReport(String gateway, int limit) {
        Instant now = Instant.now();
        return database.inTransaction(tx -> {
            List<String[]> due = Sql.list(tx, "SELECT id, gateway_message_id FROM sms_message WHERE status = 'SENT' AND gateway = ?"
                    + " AND gateway_message_id IS NOT NULL AND sent_at > ? ORDER BY COALESCE(report_asked_at, sent_at) LIMIT ?",
                    rs -> new String[] {rs.getString(1), rs.getString(2)}, gateway, now.minus(REPORT_AWAITED), limit);
            for (String[] m : due) {
                Sql.update(tx, "UPDATE sms_message SET report_asked_at = ? WHERE id = ?", now, m[0]);
            }
            return due.stream().map(m -> m[1]).toList();
        });
    }

    @Override
    public void received(String gateway, String from, String text) {
        String phone = e164(from, "from");
        String body = text == null ? "" : text.strip();
        database.inTransaction(tx -> {
            SmsText size = SmsText.of(body);
            Message in = new Message(UUID.randomUUID().toString(), "IN", null, null, phone, "inbound", null, body, size.ucs2() ? "UCS2" : "GSM7",
                    size.parts(), "RECEIVED", null, gateway, null, 0, null, Instant.now(), null, null);
            Sql.update(tx, "INSERT INTO sms_message (id, direction, phone, message_type, body, encoding, parts, status, gateway, attempts,"
                    + " created_at) VALUES (?, 'IN', ?, 'inbound', ?, ?, ?, 'RECEIVED', ?, 0, ?)", in.id(), phone, body, in.encoding(),
                    in.parts(), gateway, in.createdAt());
            event(tx, "sms.received", phone, in);
            if (STOP_WORDS.contains(body.toLowerCase(java.util.Locale.ROOT))
                    && Sql.one(tx, "SELECT 1 FROM sms_opt_out WHERE phone = ?", rs -> 1, phone).isEmpty()) {
                Sql.update(tx, "INSERT INTO sms_opt_out (phone, opted_out_at, via) VALUES (?, ?, ?)", phone, Instant.now(),
                        "text «" + body + "» via " + gateway);
                event(tx, "sms.opted-out", phone, Map.of("phone", phone, "text", body));
            }
            return null;
        });
    }

    /** Whether the number opted out: as itself, or as the hash kept when its owner's personal data was erased. */
    public boolean optedOut(String phone) {
        return database.inTransaction(tx -> Sql.one(tx, "SELECT 1 FROM sms_opt_out WHERE phone = ? UNION ALL"
                + " SELECT 1 FROM sms_opt_out_hashed WHERE phone_hash = ?", rs -> 1, phone, org.vafa.api.crypto.Sha256.hex(phone)).isPresent());
    }

    // --- the message box -----------------------------------------------------------------------------

    /** Newest first: a member's, a staff user's or a number's messages, both ways. */
    public List<Message> box(String memberId, String staffUser, String phone, int limit) {
        String where = memberId != null ? "member_id = ?" : staffUser != null ? "staff_user = ?" : "phone = ?";
        Object value = memberId != null ? memberId : staffUser != null ? staffUser : e164(phone, "phone");
        return database.inTransaction(tx -> Sql.list(tx, "SELECT " + COLUMNS + " FROM sms_message WHERE " + where
                + " ORDER BY created_at DESC LIMIT ?", SmsMessages::message, value, limit));
    }

    public Optional<Message> get(String id) {
        return database.inTransaction(tx -> Sql.one(tx, "SELECT " + COLUMNS + " FROM sms_message WHERE id = ?", SmsMessages::message, id));
    }

    /** Counts by status, for the shell and the health of the outbox. */
    public Map<String, Long> counts() {
        Map<String, Long> out = new LinkedHashMap<>();
        database.inTransaction(tx -> Sql.list(tx, "SELECT status, COUNT(*) FROM sms_message GROUP BY status ORDER BY status",
                rs -> out.put(rs.getString(1), rs.getLong(2))));
        return out;
    }

    // --- helpers -------------------------------------------------------------------------------------

    private volatile Runnable queued = () -> { };

    static final String COLUMNS = "id, direction, member_id, staff_user, phone, message_type, sender_line, body, encoding, parts, status,"
            + " reason, gateway, gateway_message_id, attempts, next_attempt_at, created_at, sent_at, delivered_at";

    static Message message(java.sql.ResultSet rs) throws SQLException {
        return new Message(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getInt(10), rs.getString(11), rs.getString(12), rs.getString(13),
                rs.getString(14), rs.getInt(15), Sql.instant(rs, 16), Sql.instant(rs, 17), Sql.instant(rs, 18), Sql.instant(rs, 19));
    }

    private Optional<Message> byKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        return database.inTransaction(tx -> Sql.one(tx, "SELECT " + COLUMNS + " FROM sms_message WHERE dedup_key = ?", SmsMessages::message,
                key));
    }

    void event(Connection tx, String type, String subject, Object data) throws SQLException {
        eventLog.append(tx, "sms", type, subject, data);
    }

    static String cut(String text) {
        return text == null ? null : text.length() > 500 ? text.substring(0, 500) : text;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        return body instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static String type(Exchange exchange) {
        String type = exchange.getMessage().getHeader(TYPE_HEADER, String.class);
        if (type == null || !type.matches("[a-z0-9][a-z0-9-]{0,59}")) {
            throw new IllegalArgumentException("Set the header " + TYPE_HEADER + " to the message type (its template's name)");
        }
        return type;
    }

    /** The event and the type: a redelivered event does not send twice. */
    private static String dedupKey(Exchange exchange, String type) {
        String id = exchange.getMessage().getHeader(EventHeaders.ID, String.class);
        return id == null ? null : id + ":" + type;
    }

    /** Any usual form of an Iranian (or international) number, as E.164; otherwise a problem naming the field. */
    public String e164(String typed, String field) {
        try {
            return PhoneNumbers.toE164(typed, locale.region());
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField(field, e.getMessage());
        }
    }
}
