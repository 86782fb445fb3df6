package org.vafa.core.members;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.vafa.api.channels.TextChannel;
import org.vafa.api.contacts.Contact;
import org.vafa.api.contacts.Contacts;
import org.vafa.api.crypto.Sha256;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.input.Digits;
import org.vafa.api.input.PhoneNumbers;
import org.vafa.api.locale.PlatformLocale;
import org.vafa.api.rest.Problem;
import org.vafa.core.rest.RateLimits;

/**
 * Members sign in with their mobile: a one-time code by SMS (the urgent {@code verification-code} type), then the code
 * for a short-lived session token that {@code /api/me/...} accepts. Only hashes of codes, numbers and tokens are stored;
 * the limits (attempts, resend delay, codes per hour) are kept in the database, so they hold across nodes and restarts.
 * Asking for a code answers the same whether the number is a member's or not: the answer does not tell who is in the club.
 */
@Component(service = MemberSignIn.class, configurationPid = "org.vafa.signin")
@Designate(ocd = SignInConfig.class)
public class MemberSignIn {
    public static final String SIGN_IN_PATH = "/api/me/sign-in";
    /** Set by the REST guard on the sign-in: the caller's address (for the per-address limit). */
    public static final String CLIENT_ADDRESS = "VafaClientAddress";
    /** Set by the REST guard under /api/me: the hash of the session's token (to sign out), never the token. */
    public static final String SESSION_HASH = "VafaSessionHash";
    static final String TOKEN_PREFIX = "vafam_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final Contacts contacts;
    private final PlatformLocale locale;
    private final Map<String, Bucket> addresses = new ConcurrentHashMap<>();
    private volatile SignInConfig config;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile TextChannel texts;

    /** What a member is told after asking for a code. */
    public record CodeSent(int expiresInSeconds, int resendInSeconds) {
    }

    /** An open session: the token is shown once, only its hash is kept. */
    public record Session(String token, String memberId, Instant expiresAt) {
    }

    @Activate
    public MemberSignIn(@Reference Database database, @Reference Contacts contacts, @Reference PlatformLocale locale,
                        SignInConfig config) {
        this.database = database;
        this.locale = locale;
        this.contacts = contacts;
        this.config = config;
    }

    @Modified
    void modified(SignInConfig config) {
        this.config = config;
        addresses.clear();
    }

    /** For tests outside OSGi. */
    void setTexts(TextChannel texts) {
        this.texts = texts;
    }

    /**
     * Sends a code to the number if it is a member's.
     *
     * @param clientAddress the caller's address, for the per-address limit
     * @throws Problem 400 for an invalid number, 429 (with Retry-After) over a limit, 503 with no SMS channel installed
     */
    public CodeSent requestCode(String mobile, String clientAddress) {
        String e164 = e164(mobile);
        SignInConfig c = config;
        TextChannel channel = texts;
        if (channel == null) {
            throw new Problem(503, "Service unavailable", "No SMS channel is installed to send sign-in codes", null);
        }
        takeAddressBudget(clientAddress, c);
        Optional<Contact> member = member(e164);
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        String salt = HexFormat.of().formatHex(randomBytes(16));
        Instant now = Instant.now();
        database.inTransaction(tx -> {
            String key = Sha256.hex(e164);
            Optional<Sent> last = Sql.one(tx, "SELECT sent_at, window_start, window_sends FROM vafa_sign_in_code WHERE mobile_hash = ? FOR UPDATE",
                    rs -> new Sent(Sql.instant(rs, 1), Sql.instant(rs, 2), rs.getInt(3)), key);
            Instant windowStart = now;
            int sends = 1;
            if (last.isPresent()) {
                Sent s = last.get();
                long wait = Duration.between(now, s.at.plusSeconds(c.resendSeconds())).toSeconds();
                if (wait > 0) {
                    throw new RateLimits.TooManyRequests("A code was sent to this number a moment ago; ask again in " + wait + " s", wait);
                }
                if (s.windowStart.plus(Duration.ofHours(1)).isAfter(now)) {
                    if (s.sends >= c.codesPerHour()) {
                        long until = Math.max(1, Duration.between(now, s.windowStart.plus(Duration.ofHours(1))).toSeconds());
                        throw new RateLimits.TooManyRequests("This number has had " + c.codesPerHour() + " codes this hour; ask again in "
                                + until + " s", until);
                    }
                    windowStart = s.windowStart;
                    sends = s.sends + 1;
                }
                Sql.update(tx, "UPDATE vafa_sign_in_code SET member_id = ?, code_hash = ?, salt = ?, expires_at = ?, attempts = 0, sent_at = ?,"
                                + " window_start = ?, window_sends = ? WHERE mobile_hash = ?", member.map(this::memberId).orElse(null),
                        codeHash(salt, code), salt, now.plusSeconds(c.codeSeconds()), now, windowStart, sends, key);
            } else {
                try {
                    Sql.update(tx, "INSERT INTO vafa_sign_in_code (mobile_hash, member_id, code_hash, salt, expires_at, attempts, sent_at,"
                                    + " window_start, window_sends) VALUES (?, ?, ?, ?, ?, 0, ?, ?, 1)", key, member.map(this::memberId).orElse(null),
                            codeHash(salt, code), salt, now.plusSeconds(c.codeSeconds()), now, now);
                } catch (SQLException raced) { // the same number asked twice at once: the other request sends the code
                    throw new RateLimits.TooManyRequests("A code was sent to this number a moment ago; ask again in "
                            + c.resendSeconds() + " s", c.resendSeconds());
                }
            }
            // queued in the same transaction: if the channel refuses, no code is stored and no limit is used
            member.ifPresent(m -> channel.send(m.reference(), "verification-code", Map.of("code", code,
                    "minutes", Math.max(1, c.codeSeconds() / 60)), "sign-in:" + key + ":" + now.toEpochMilli()));
            return null;
        });
        return new CodeSent(c.codeSeconds(), c.resendSeconds());
    }

    /**
     * Exchanges a right code for a session.
     *
     * @throws Problem 401 naming {@code code} for a wrong, expired or unknown code; 429 when the attempts are used up
     */
    public Session verify(String mobile, String typedCode) {
        String e164 = e164(mobile);
        String code = typedCode == null ? "" : Digits.toAscii(typedCode.strip());
        if (!code.matches("[0-9]{6}")) {
            throw Problem.invalidField("code", "The code is the 6 digits sent by SMS");
        }
        SignInConfig c = config;
        Instant now = Instant.now();
        Outcome outcome = database.inTransaction(tx -> {
            String key = Sha256.hex(e164);
            Optional<Pending> pending = Sql.one(tx, "SELECT member_id, code_hash, salt, expires_at, attempts FROM vafa_sign_in_code"
                            + " WHERE mobile_hash = ? FOR UPDATE",
                    rs -> new Pending(rs.getString(1), rs.getString(2), rs.getString(3), Sql.instant(rs, 4), rs.getInt(5)), key);
            if (pending.isEmpty() || pending.get().codeHash == null || pending.get().expiresAt.isBefore(now)) {
                return new Outcome(null, -1);
            }
            Pending p = pending.get();
            boolean right = MessageDigest.isEqual(p.codeHash.getBytes(), codeHash(p.salt, code).getBytes());
            if (right && p.memberId != null) {
                Sql.update(tx, "UPDATE vafa_sign_in_code SET code_hash = NULL, salt = NULL, expires_at = NULL WHERE mobile_hash = ?", key);
                Sql.update(tx, "DELETE FROM vafa_member_session WHERE expires_at < ?", now);
                String token = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
                Instant expires = now.plus(Duration.ofMinutes(c.sessionMinutes()));
                Sql.update(tx, "INSERT INTO vafa_member_session (token_hash, member_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                        Sha256.hex(token), p.memberId, now, expires);
                return new Outcome(new Session(token, p.memberId, expires), 0);
            }
            int left = c.attempts() - p.attempts - 1;
            if (left <= 0) {
                Sql.update(tx, "UPDATE vafa_sign_in_code SET code_hash = NULL, salt = NULL, expires_at = NULL, attempts = ? WHERE mobile_hash = ?",
                        p.attempts + 1, key);
            } else {
                Sql.update(tx, "UPDATE vafa_sign_in_code SET attempts = ? WHERE mobile_hash = ?", p.attempts + 1, key);
            }
            return new Outcome(null, left);
        });
        if (outcome.session != null) {
            return outcome.session;
        }
        if (outcome.attemptsLeft < 0) {
            throw new Problem(401, "Unauthorized", "No valid code for this number (it expired or was used): ask for a new one", "code");
        }
        if (outcome.attemptsLeft == 0) {
            throw new RateLimits.TooManyRequests("Too many wrong codes: this code is void, ask for a new one", 1);
        }
        throw new Problem(401, "Unauthorized", "Wrong code; " + outcome.attemptsLeft + " attempts left", "code");
    }

    /** The member whose session this token is, while it is valid. */
    public Optional<String> authenticate(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        return database.inTransaction(tx -> Sql.one(tx, "SELECT member_id FROM vafa_member_session WHERE token_hash = ? AND expires_at > ?",
                rs -> rs.getString(1), Sha256.hex(token), now));
    }

    /** Ends the session whose token has this hash ({@link #SESSION_HASH}): the token is no longer accepted. */
    public void signOut(String tokenHash) {
        database.inTransaction(tx -> Sql.update(tx, "DELETE FROM vafa_member_session WHERE token_hash = ?", tokenHash));
    }

    /** Every session and pending code of the member ends (erasure); returns how many rows went. */
    public static int forget(Connection tx, String memberId) throws SQLException {
        return Sql.update(tx, "DELETE FROM vafa_member_session WHERE member_id = ?", memberId)
                + Sql.update(tx, "UPDATE vafa_sign_in_code SET member_id = NULL, code_hash = NULL, salt = NULL, expires_at = NULL"
                + " WHERE member_id = ?", memberId);
    }

    private Optional<Contact> member(String e164) {
        try {
            return contacts.findByMobile("member", e164);
        } catch (Contacts.KindNotInstalled e) {
            throw new Problem(503, "Service unavailable", "The club is not installed: members cannot sign in", null);
        }
    }

    private String memberId(Contact member) {
        return member.reference().substring(member.reference().indexOf(':') + 1);
    }

    private String e164(String mobile) {
        if (mobile == null || mobile.isBlank()) {
            throw Problem.invalidField("mobile", "The member's mobile number is required");
        }
        try {
            return PhoneNumbers.mobileToE164(mobile, locale.region());
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField("mobile", e.getMessage());
        }
    }

    private void takeAddressBudget(String address, SignInConfig c) {
        Bucket bucket = addresses.computeIfAbsent(address == null ? "" : address, a -> Bucket.builder().addLimit(Bandwidth.builder()
                .capacity(c.codesPerAddressPerHour()).refillGreedy(c.codesPerAddressPerHour(), Duration.ofHours(1)).build()).build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, probe.getNanosToWaitForRefill() / 1_000_000_000L);
            throw new RateLimits.TooManyRequests("Too many codes asked for from this address; ask again in " + seconds + " s", seconds);
        }
    }

    private static String codeHash(String salt, String code) {
        return Sha256.hex(salt + ":" + code);
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private record Sent(Instant at, Instant windowStart, int sends) {
    }

    private record Pending(String memberId, String codeHash, String salt, Instant expiresAt, int attempts) {
    }

    private record Outcome(Session session, int attemptsLeft) {
    }
}
