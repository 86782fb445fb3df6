package org.vafa.club.members;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.plugin.PluginReady;
import org.vafa.api.events.EventLog;
import org.vafa.api.input.Digits;
import org.vafa.api.input.PhoneNumbers;
import org.vafa.api.rest.Problem;
import org.vafa.api.locale.PlatformLocale;
import org.vafa.club.ClubConfig;

/**
 * The member registry. Every change is committed together with its event ({@code club.member.registered},
 * {@code .updated}, {@code .verified}, {@code .left}, {@code .rejoined}; subject = member id, data = the
 * member's JSON). Routes reach it as {@code bean:clubMembers}. Bad input is a {@link Problem} naming
 * the field; nothing is written then.
 */
@Component(service = Members.class, property = "name=clubMembers", configurationPid = "org.vafa.club",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ClubConfig.class)
public class Members {
    private static final String SOURCE = "club";
    private static final char[] CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Reference
    private Database database;
    @Reference(target = "(" + PluginReady.NAME + "=club)")
    private PluginReady ready; // the plugin's tables are there
    @Reference
    private EventLog eventLog;

    private static final Logger LOG = LoggerFactory.getLogger(Members.class);
    private final MemberStore store = new MemberStore();
    @Reference
    private PlatformLocale locale;
    private ClubConfig config;

    /** True once every member's name is in the name index (search then reads the index, not every name). */
    private volatile boolean namesIndexed;
    private volatile Thread indexer;

    @Activate
    void activate(ClubConfig config) {
        this.config = config;
        indexer = new Thread(this::buildNameIndex, "club-name-index");
        indexer.setDaemon(true);
        indexer.start();
    }

    @Deactivate
    void deactivate() {
        Thread running = indexer;
        if (running != null) {
            running.interrupt();
        }
    }

    /**
     * Puts the names of members who joined before the name index existed into it, a page at a time with the position
     * saved after each (a restart goes on where it stopped); new and renamed members are indexed as they are written.
     * Runs once, in the background at start; until it is done the search scans every name.
     */
    public void buildNameIndex() {
        try {
            record State(String afterId, boolean done) {
            }
            State state = database.inTransaction(tx -> Sql.one(tx, "SELECT after_id, done FROM club_name_index_state WHERE id = 1",
                    rs -> new State(rs.getString(1), rs.getBoolean(2))).orElse(new State(null, true)));
            if (state.done()) {
                namesIndexed = true;
                return;
            }
            long start = System.nanoTime();
            LOG.info("Indexing members' names for search, after member {}", state.afterId() == null ? "(the first)" : state.afterId());
            String after = state.afterId();
            long pages = 0;
            while (!Thread.currentThread().isInterrupted()) {
                String from = after;
                Optional<String> last = database.inTransaction(tx -> {
                    Optional<String> done = MemberStore.indexNames(tx, from, 2000);
                    Sql.update(tx, "UPDATE club_name_index_state SET after_id = ?, done = ? WHERE id = 1", done.orElse(from), done.isEmpty());
                    return done;
                });
                if (last.isEmpty()) {
                    namesIndexed = true;
                    LOG.info("Members' names indexed for search ({} pages, {} s)", pages, (System.nanoTime() - start) / 1_000_000_000);
                    return;
                }
                after = last.get();
                pages++;
            }
        } catch (RuntimeException failed) {
            LOG.warn("Indexing members' names stopped (the search scans names until a restart finishes it): {}", failed.toString());
        }
    }

    /** Outside OSGi (tests). */
    public Members(Database database, EventLog eventLog, ClubConfig config, PlatformLocale locale) {
        this.locale = locale;
        this.database = database;
        this.eventLog = eventLog;
        this.config = config;
    }

    public Members() {
    }

    // --- commands ------------------------------------------------------------------------------------

    public Member register(Registration r) {
        String mobile = mobile(r.mobile());
        Instant now = Instant.now();
        return write(tx -> {
            if (store.byMobile(tx, mobile).isPresent()) {
                throw new Problem(409, "Conflict", "A member with mobile " + mobile + " exists already", "mobile");
            }
            String card = card(tx, r.cardNumber());
            String referredBy = null;
            if (r.referralCode() != null) {
                referredBy = store.byReferralCode(tx, r.referralCode().toUpperCase(Locale.ROOT))
                        .orElseThrow(() -> Problem.invalidField("referralCode", "No member has referral code " + r.referralCode()))
                        .id();
            }
            Member member = new Member(UUID.randomUUID().toString(), r.firstName(), r.lastName(), mobile, r.email(),
                    r.birthDate(), r.anniversary(), r.gender(), r.city(), r.consents().sms(), r.consents().email(),
                    r.pendingVerification() ? Member.Status.PENDING_VERIFICATION : Member.Status.ACTIVE, newReferralCode(tx),
                    referredBy, now, null, now, List.of(card));
            store.insert(tx, member);
            eventLog.append(tx, SOURCE, "club.member.registered", member.id(), MemberJson.of(member));
            return member;
        }, mobile);
    }

    public Member update(String id, MemberChanges changes) {
        String newMobile = changes.given().contains("mobile") ? mobile(changes.mobile()) : null;
        return write(tx -> {
            Member m = existing(tx, id);
            if (newMobile != null && !newMobile.equals(m.mobile())) {
                Optional<Member> holder = store.byMobile(tx, newMobile);
                if (holder.isPresent()) {
                    throw new Problem(409, "Conflict", "Another member has mobile " + newMobile, "mobile");
                }
            }
            Member updated = changes.applyTo(m, newMobile, Instant.now());
            store.update(tx, updated);
            eventLog.append(tx, SOURCE, "club.member.updated", id, MemberJson.of(updated));
            return updated;
        }, newMobile);
    }

    /**
     * For the route on {@code sms.opted-out}: the member with this mobile texted «لغو» or "stop" to a line, so
     * their file shows no SMS consent any more ({@code club.member.updated}). Nothing if no member has the
     * number or the consent was off already.
     */
    public Optional<Member> smsOptedOut(String phone) {
        if (phone == null || phone.isBlank()) {
            return Optional.empty();
        }
        return write(tx -> {
            Optional<Member> found = store.byMobile(tx, phone);
            if (found.isEmpty() || !found.get().consentSms()) {
                return Optional.<Member>empty();
            }
            Member m = found.get();
            Member updated = new Member(m.id(), m.firstName(), m.lastName(), m.mobile(), m.email(), m.birthDate(), m.anniversary(),
                    m.gender(), m.city(), false, m.consentEmail(), m.status(), m.referralCode(), m.referredBy(), m.joinedAt(), m.leftAt(),
                    Instant.now(), m.cards());
            store.update(tx, updated);
            eventLog.append(tx, SOURCE, "club.member.updated", m.id(), MemberJson.of(updated));
            return Optional.of(updated);
        }, null);
    }

    /** A pending member is verified (e.g. a self-registered customer was called). */
    public Member verify(String id) {
        return transition(id, "club.member.verified", m -> {
            if (m.status() != Member.Status.PENDING_VERIFICATION) {
                throw Problem.conflict("Member " + id + " is " + m.status().name().toLowerCase(Locale.ROOT) + ", not pending verification");
            }
            return Member.Status.ACTIVE;
        }, null);
    }

    /**
     * For the route on a completed verification call ({@code crm.task.completed}): {@code verified} makes a pending
     * member active, {@code rejected} makes them leave. A member no longer pending is left as is, so a redelivered
     * event changes nothing.
     */
    public Optional<Member> verificationOutcome(String id, String outcome) {
        if (!"verified".equals(outcome) && !"rejected".equals(outcome)) {
            throw Problem.invalidField("outcome", "A verification call ends verified or rejected");
        }
        Member m = get(id).orElseThrow(() -> Problem.notFound("No member " + id));
        if (m.status() != Member.Status.PENDING_VERIFICATION) {
            return Optional.empty();
        }
        return Optional.of("verified".equals(outcome) ? verify(id) : leave(id));
    }

    /**
     * For the route on a storefront order ({@code shop.order.placed}): the member who bought, by the member id the
     * storefront knows, else the mobile, else the email (when exactly one member has it). An unknown customer with a
     * mobile is registered pending verification ({@code club.member.registered} follows, and with it the CRM's
     * verification call), with the names they gave at checkout ({@code "مشتری فروشگاه"}, "shop customer", when they gave
     * none). Null: a customer the club cannot name (no mobile and no match): the order earns nothing.
     */
    public String forCustomer(java.util.Map<String, Object> customer) {
        if (customer == null) {
            return null;
        }
        String memberId = text(customer.get("memberId"));
        String typed = text(customer.get("mobile"));
        String mobile;
        try {
            mobile = typed == null ? null : mobile(typed);
        } catch (Problem notAMobile) {
            mobile = null; // a landline or a typo at checkout: the customer is matched by the other fields
        }
        String email = text(customer.get("email"));
        String e164 = mobile;
        Optional<Member> known = database.inTransaction(tx -> {
            Optional<Member> m = memberId == null ? Optional.empty() : store.byId(tx, memberId);
            if (m.isEmpty() && e164 != null) {
                m = store.byMobile(tx, e164);
            }
            if (m.isEmpty() && email != null) {
                m = store.byEmail(tx, email);
            }
            return m;
        });
        if (known.isPresent()) {
            return known.get().id();
        }
        if (mobile == null) {
            return null;
        }
        String first = named(text(customer.get("firstName")), "مشتری");
        String last = named(text(customer.get("lastName")), "فروشگاه");
        String validEmail;
        try {
            validEmail = MemberFields.email(email);
        } catch (Problem notAnEmail) {
            validEmail = null;
        }
        return register(new Registration(first, last, mobile, validEmail, null, null, null, null, null, null, null, true)).id();
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    private static String named(String given, String otherwise) {
        return given != null && given.length() <= 100 && given.codePoints().anyMatch(Character::isLetter) ? given : otherwise;
    }

    /** The member leaves the club; the record and its history stay. */
    public Member leave(String id) {
        return transition(id, "club.member.left", m -> {
            if (m.status() == Member.Status.LEFT) {
                throw Problem.conflict("Member " + id + " has left already");
            }
            return Member.Status.LEFT;
        }, Instant.now());
    }

    public Member rejoin(String id) {
        return transition(id, "club.member.rejoined", m -> {
            if (m.status() != Member.Status.LEFT) {
                throw Problem.conflict("Member " + id + " has not left the club");
            }
            return Member.Status.ACTIVE;
        }, null);
    }

    private interface Transition {
        Member.Status next(Member m);
    }

    private Member transition(String id, String eventType, Transition transition, Instant leftAt) {
        return write(tx -> {
            Member m = existing(tx, id);
            Member changed = new Member(m.id(), m.firstName(), m.lastName(), m.mobile(), m.email(), m.birthDate(),
                    m.anniversary(), m.gender(), m.city(), m.consentSms(), m.consentEmail(), transition.next(m),
                    m.referralCode(), m.referredBy(), m.joinedAt(), leftAt, Instant.now(), m.cards());
            store.update(tx, changed);
            eventLog.append(tx, SOURCE, eventType, id, MemberJson.of(changed));
            return changed;
        }, null);
    }

    /**
     * Locks the member's row for the caller's transaction, so that the club's writes for one member
     * (points, purchases, tiers) happen one after the other; a member that does not exist is a 404.
     */
    public static void lock(Connection tx, String memberId) throws SQLException {
        try (java.sql.PreparedStatement ps = tx.prepareStatement("SELECT id FROM club_member WHERE id = ? FOR UPDATE")) {
            ps.setString(1, memberId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw Problem.notFound("No member " + memberId);
                }
            }
        }
    }

    // --- queries -------------------------------------------------------------------------------------

    public Optional<Member> get(String id) {
        return database.inTransaction(tx -> get(tx, id));
    }

    /** In the caller's transaction. */
    public Optional<Member> get(Connection tx, String id) throws SQLException {
        return store.byId(tx, id);
    }

    /** By exactly one of card (as scanned), mobile (any usual form) or id, in the caller's transaction; a bad mobile is a problem on it. */
    public Optional<Member> find(Connection tx, String card, String mobile, String id) throws SQLException {
        if (card != null) {
            return store.byCard(tx, Digits.toAscii(card.trim()));
        }
        if (mobile != null) {
            try {
                return store.byMobile(tx, PhoneNumbers.mobileToE164(mobile, locale.region()));
            } catch (IllegalArgumentException e) {
                throw Problem.invalidField("mobile", e.getMessage());
            }
        }
        return store.byId(tx, id);
    }

    /** By card number as scanned (Persian digits allowed). */
    public Optional<Member> byCard(String card) {
        String digits = Digits.toAscii(card == null ? "" : card.trim());
        return database.inTransaction(tx -> store.byCard(tx, digits));
    }

    /** By mobile number in any usual form; a number that is not one is a problem on {@code field}. */
    public Optional<Member> byMobile(String typed, String field) {
        String e164;
        try {
            e164 = PhoneNumbers.mobileToE164(typed, locale.region());
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField(field, e.getMessage());
        }
        return database.inTransaction(tx -> store.byMobile(tx, e164));
    }

    /** Members with a word of the name starting with each word typed (2 letters at least in one), newest first. */
    public List<Member> searchByName(String text, int limit) {
        if (Names.words(Names.searchKey(text)).stream().noneMatch(w -> w.codePointCount(0, w.length()) >= 2)) {
            throw Problem.invalidField("name", "Search with at least 2 letters of a word of the name");
        }
        return database.inTransaction(tx -> store.searchByName(tx, text, limit, namesIndexed));
    }

    // --- helpers -------------------------------------------------------------------------------------

    private interface Work<T> {
        T run(Connection tx) throws SQLException;
    }

    /** Runs the change; a concurrent registration of the same mobile ends as 409, not 500. */
    private <T> T write(Work<T> work, String mobile) {
        try {
            return database.inTransaction(work::run);
        } catch (Problem p) {
            throw p;
        } catch (RuntimeException e) {
            if (mobile != null && database.inTransaction(tx -> store.byMobile(tx, mobile)).isPresent()) {
                throw new Problem(409, "Conflict", "A member with mobile " + mobile + " exists already", "mobile");
            }
            throw e;
        }
    }

    /** The member to change; an erased member is changed no more. */
    private Member existing(Connection tx, String id) throws SQLException {
        Member m = store.byId(tx, id).orElseThrow(() -> Problem.notFound("No member " + id));
        if (m.status() == Member.Status.ERASED) {
            throw Problem.conflict("Member " + id + " was erased on request; register afresh instead");
        }
        return m;
    }

    private String mobile(String typed) {
        try {
            return PhoneNumbers.mobileToE164(typed, locale.region());
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField("mobile", e.getMessage());
        }
    }

    /** The given card (its digits) if no one holds it, else a new one. */
    private String card(Connection tx, String given) throws SQLException {
        if (given != null) {
            if (store.cardExists(tx, given)) {
                throw new Problem(409, "Conflict", "Card " + given + " belongs to another member", "cardNumber");
            }
            return given;
        }
        String card;
        do {
            card = CardNumbers.generate(config.cardPrefix());
        } while (store.cardExists(tx, card));
        return card;
    }

    private String newReferralCode(Connection tx) throws SQLException {
        String code;
        do {
            char[] c = new char[8];
            for (int i = 0; i < c.length; i++) {
                c[i] = CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)];
            }
            code = new String(c);
        } while (store.byReferralCode(tx, code).isPresent());
        return code;
    }

    /** Members as JSON, for routes and REST. */
    public static List<com.fasterxml.jackson.databind.node.ObjectNode> json(List<Member> members) {
        List<com.fasterxml.jackson.databind.node.ObjectNode> out = new ArrayList<>();
        members.forEach(m -> out.add(MemberJson.of(m)));
        return out;
    }
}
