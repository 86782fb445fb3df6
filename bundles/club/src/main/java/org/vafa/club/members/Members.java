package org.vafa.club.members;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.vafa.api.db.Database;
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
    private static final Set<String> REGISTER_FIELDS = Set.of("firstName", "lastName", "mobile", "email", "birthDate",
            "anniversary", "gender", "city", "consents", "cardNumber", "referralCode", "pendingVerification");
    private static final Set<String> UPDATE_FIELDS = Set.of("firstName", "lastName", "mobile", "email", "birthDate",
            "anniversary", "gender", "city", "consents");
    private static final char[] CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Reference
    private Database database;
    @Reference(target = "(" + PluginReady.NAME + "=club)")
    private PluginReady ready; // the plugin's tables are there
    @Reference
    private EventLog eventLog;

    private final MemberStore store = new MemberStore();
    @Reference
    private PlatformLocale locale;
    private ClubConfig config;

    @Activate
    void activate(ClubConfig config) {
        this.config = config;
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

    public Member register(JsonNode body) {
        requireObject(body, REGISTER_FIELDS);
        String firstName = name(body, "firstName");
        String lastName = name(body, "lastName");
        String mobile = mobile(body);
        Instant now = Instant.now();
        boolean pending = bool(body, "pendingVerification", false);
        return write(tx -> {
            if (store.byMobile(tx, mobile).isPresent()) {
                throw new Problem(409, "Conflict", "A member with mobile " + mobile + " exists already", "mobile");
            }
            String card = card(tx, body);
            String referredBy = null;
            String referralCode = optionalText(body, "referralCode", 12);
            if (referralCode != null) {
                referredBy = store.byReferralCode(tx, referralCode.trim().toUpperCase(Locale.ROOT))
                        .orElseThrow(() -> Problem.invalidField("referralCode", "No member has referral code " + referralCode))
                        .id();
            }
            JsonNode consents = body.path("consents");
            Member member = new Member(UUID.randomUUID().toString(), firstName, lastName, mobile, email(body),
                    date(body, "birthDate"), date(body, "anniversary"), gender(body), optionalText(body, "city", 100),
                    consent(consents, "sms"), consent(consents, "email"),
                    pending ? Member.Status.PENDING_VERIFICATION : Member.Status.ACTIVE, newReferralCode(tx), referredBy,
                    now, null, now, List.of(card));
            store.insert(tx, member);
            eventLog.append(tx, SOURCE, "club.member.registered", member.id(), MemberJson.of(member));
            return member;
        }, mobile);
    }

    public Member update(String id, JsonNode patch) {
        requireObject(patch, UPDATE_FIELDS);
        String newMobile = patch.has("mobile") ? mobile(patch) : null;
        return write(tx -> {
            Member m = existing(tx, id);
            if (newMobile != null && !newMobile.equals(m.mobile())) {
                Optional<Member> holder = store.byMobile(tx, newMobile);
                if (holder.isPresent()) {
                    throw new Problem(409, "Conflict", "Another member has mobile " + newMobile, "mobile");
                }
            }
            JsonNode consents = patch.path("consents");
            Member updated = new Member(m.id(),
                    patch.has("firstName") ? name(patch, "firstName") : m.firstName(),
                    patch.has("lastName") ? name(patch, "lastName") : m.lastName(),
                    newMobile != null ? newMobile : m.mobile(),
                    patch.has("email") ? email(patch) : m.email(),
                    patch.has("birthDate") ? date(patch, "birthDate") : m.birthDate(),
                    patch.has("anniversary") ? date(patch, "anniversary") : m.anniversary(),
                    patch.has("gender") ? gender(patch) : m.gender(),
                    patch.has("city") ? optionalText(patch, "city", 100) : m.city(),
                    consents.has("sms") ? consent(consents, "sms") : m.consentSms(),
                    consents.has("email") ? consent(consents, "email") : m.consentEmail(),
                    m.status(), m.referralCode(), m.referredBy(), m.joinedAt(), m.leftAt(), Instant.now(), m.cards());
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

    public List<Member> searchByName(String text, int limit) {
        if (Names.searchKey(text).length() < 2) {
            throw Problem.invalidField("name", "Search with at least 2 letters of the name");
        }
        return database.inTransaction(tx -> store.searchByName(tx, text, limit));
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

    private Member existing(Connection tx, String id) throws SQLException {
        return store.byId(tx, id).orElseThrow(() -> Problem.notFound("No member " + id));
    }

    private static void requireObject(JsonNode body, Set<String> allowed) {
        if (body == null || !body.isObject()) {
            throw Problem.badRequest("The body must be a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            String field = it.next().getKey();
            if (!allowed.contains(field)) {
                throw Problem.invalidField(field, "Unknown field '" + field + "'; allowed: " + new java.util.TreeSet<>(allowed));
            }
        }
    }

    private static String name(JsonNode body, String field) {
        String value = optionalText(body, field, 100);
        if (value == null) {
            throw Problem.invalidField(field, "'" + field + "' is required");
        }
        if (value.codePoints().noneMatch(Character::isLetter)) {
            throw Problem.invalidField(field, "'" + field + "' must contain letters");
        }
        return value;
    }

    private static String optionalText(JsonNode body, String field, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || !org.vafa.api.rest.Fields.visible(node.asText()) || node.asText().length() > max) {
            throw Problem.invalidField(field, "'" + field + "' must be text of 1 to " + max + " characters");
        }
        return node.asText().trim();
    }

    private String mobile(JsonNode body) {
        String typed = optionalText(body, "mobile", 40);
        try {
            return PhoneNumbers.mobileToE164(typed, locale.region());
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField("mobile", e.getMessage());
        }
    }

    private static String email(JsonNode body) {
        String email = optionalText(body, "email", 254);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw Problem.invalidField("email", "'" + email + "' is not an e-mail address");
        }
        return email;
    }

    private static LocalDate date(JsonNode body, String field) {
        String typed = optionalText(body, field, 20);
        if (typed == null) {
            return null;
        }
        try {
            LocalDate date = ClubDates.parse(typed);
            if (date.isAfter(LocalDate.now())) {
                throw Problem.invalidField(field, "'" + field + "' is in the future");
            }
            return date;
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField(field, e.getMessage());
        }
    }

    private static Member.Gender gender(JsonNode body) {
        String typed = optionalText(body, "gender", 10);
        if (typed == null) {
            return Member.Gender.UNKNOWN;
        }
        try {
            return Member.Gender.valueOf(typed.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField("gender", "gender is one of female, male, other, unknown");
        }
    }

    private static boolean consent(JsonNode consents, String channel) {
        JsonNode node = consents.get(channel);
        if (node == null || node.isNull()) {
            return false; // no consent unless given
        }
        if (!node.isBoolean()) {
            throw Problem.invalidField("consents." + channel, "consents." + channel + " must be true or false");
        }
        return node.asBoolean();
    }

    private static boolean bool(JsonNode body, String field, boolean fallback) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isBoolean()) {
            throw Problem.invalidField(field, "'" + field + "' must be true or false");
        }
        return node.asBoolean();
    }

    private String card(Connection tx, JsonNode body) throws SQLException {
        String given = optionalText(body, "cardNumber", 32);
        if (given != null) {
            String digits = Digits.toAscii(given).replaceAll("[\\s-]", "");
            if (!digits.matches("\\d{8,19}")) {
                throw Problem.invalidField("cardNumber", "A card number has 8 to 19 digits");
            }
            if (store.cardExists(tx, digits)) {
                throw new Problem(409, "Conflict", "Card " + digits + " belongs to another member", "cardNumber");
            }
            return digits;
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
