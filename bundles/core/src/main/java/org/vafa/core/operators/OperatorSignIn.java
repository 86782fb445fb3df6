package org.vafa.core.operators;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.security.MessageDigest;
import java.security.Principal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vafa.api.crypto.Sha256;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.rest.Problem;
import org.vafa.core.rest.RateLimits;

/**
 * Operators sign in to the console with their Karaf user (JAAS realm {@code karaf}: etc/users.properties, or whatever
 * realm an installation configures) and get a session: a token for an HttpOnly cookie and a CSRF token the console sends
 * back in a header on every change (only hashes of both are kept). The session carries the API scopes the operator's
 * roles give ({@code roleScopes}); the console calls the same REST API with them, nothing more.
 */
@Component(service = OperatorSignIn.class, configurationPid = "org.vafa.console")
@Designate(ocd = OperatorConfig.class)
public class OperatorSignIn {
    public static final String SIGN_IN_PATH = "/api/console/sign-in";
    public static final String COOKIE = "vafa_console";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Set by the REST guard: the signed-in operator's name (for routes that record who did something). */
    public static final String OPERATOR_HEADER = "VafaOperator";
    /** Set by the REST guard on the sign-in: whether the request came over TLS (the cookie is then Secure). */
    public static final String SECURE_HEADER = "VafaSecureRequest";
    private static final Logger LOG = LoggerFactory.getLogger(OperatorSignIn.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final Map<String, Bucket> attempts = new ConcurrentHashMap<>();
    private volatile OperatorConfig config;
    private volatile Map<String, Set<String>> roleScopes;

    /** An open session: the token (for the cookie) and the CSRF token are shown once. */
    public record Session(String token, String csrfToken, String operator, Set<String> scopes, Instant expiresAt) {
    }

    /** Who a session is. */
    public record Operator(String name, Set<String> scopes, String csrfHash) {
    }

    @Activate
    public OperatorSignIn(@Reference Database database, OperatorConfig config) {
        this.database = database;
        modified(config);
    }

    @Modified
    void modified(OperatorConfig changed) {
        roleScopes = parse(changed.roleScopes());
        config = changed;
        attempts.clear();
    }

    /** {@code admin=admin, club-staff=club;crm}: each role's scopes. */
    static Map<String, Set<String>> parse(String text) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (String entry : text == null ? new String[0] : text.split(",")) {
            String[] pair = entry.strip().split("=", 2);
            if (pair.length == 2 && !pair[0].isBlank()) {
                Set<String> scopes = new TreeSet<>();
                for (String scope : pair[1].split(";")) {
                    if (scope.strip().matches("[a-z][a-z0-9-]{0,29}")) {
                        scopes.add(scope.strip());
                    }
                }
                out.put(pair[0].strip(), scopes);
            }
        }
        return out;
    }

    /**
     * Checks the user and password with the JAAS realm and opens a session.
     *
     * @throws Problem 401 for a wrong user or password (the same answer for both), 403 for a user whose roles give no
     *                 scope, 429 over the attempts allowed
     */
    public Session signIn(String user, String password, String clientAddress) {
        if (user == null || user.isBlank() || user.length() > 100 || password == null || password.isEmpty() || password.length() > 200) {
            throw Problem.invalidField(user == null || user.isBlank() || user.length() > 100 ? "user" : "password",
                    "user and password are required");
        }
        OperatorConfig c = config;
        if (attempts.size() > 10_000) { // names made up by the thousand must not grow this without end; a minute's limits restart
            attempts.clear();
        }
        Bucket bucket = attempts.computeIfAbsent(user + "@" + clientAddress, k -> Bucket.builder().addLimit(Bandwidth.builder()
                .capacity(Math.max(1, c.attemptsPerMinute())).refillGreedy(Math.max(1, c.attemptsPerMinute()), Duration.ofMinutes(1)).build())
                .build());
        if (!bucket.tryConsume(1)) {
            throw new RateLimits.TooManyRequests("Too many sign-in attempts for this user; wait a minute", 60);
        }
        Set<String> roles = login(c.realm(), user, password)
                .orElseThrow(() -> new Problem(401, "Unauthorized", "Wrong user or password", null));
        Set<String> scopes = new TreeSet<>();
        Map<String, Set<String>> map = roleScopes;
        roles.forEach(role -> scopes.addAll(map.getOrDefault(role, Set.of())));
        if (scopes.isEmpty()) {
            throw new Problem(403, "Forbidden", "The user " + user + " has no role that gives access to the console (roleScopes in"
                    + " PID org.vafa.console)", null);
        }
        String token = "vafao_" + random();
        String csrf = random();
        Instant now = Instant.now();
        Instant expires = now.plus(Duration.ofMinutes(Math.max(1, c.sessionMinutes())));
        database.inTransaction(tx -> {
            Sql.update(tx, "DELETE FROM vafa_operator_session WHERE expires_at < ?", now);
            return Sql.update(tx, "INSERT INTO vafa_operator_session (token_hash, operator, scopes, csrf_hash, created_at, expires_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)", Sha256.hex(token), user, String.join(",", scopes), Sha256.hex(csrf), now, expires);
        });
        LOG.info("Operator {} signed in to the console (scopes {})", user, scopes);
        return new Session(token, csrf, user, Set.copyOf(scopes), expires);
    }

    /** The operator whose session the cookie's token is, while it is valid. */
    public Optional<Operator> authenticate(String token) {
        if (token == null || !token.startsWith("vafao_") || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        return database.inTransaction(tx -> Sql.one(tx, "SELECT operator, scopes, csrf_hash FROM vafa_operator_session WHERE token_hash = ?"
                + " AND expires_at > ?", rs -> new Operator(rs.getString(1), Set.of(rs.getString(2).split(",")), rs.getString(3)),
                Sha256.hex(token), now));
    }

    /** Whether the CSRF token sent with a change is the session's (compared in constant time). */
    public static boolean csrfMatches(Operator operator, String sent) {
        return sent != null && sent.length() <= 100
                && MessageDigest.isEqual(operator.csrfHash().getBytes(), Sha256.hex(sent).getBytes());
    }

    /** The session token in a request's Cookie header, or null. */
    public static String cookie(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String[] pair = part.strip().split("=", 2);
            if (pair.length == 2 && pair[0].equals(COOKIE) && !pair[1].isBlank()) {
                return pair[1].strip();
            }
        }
        return null;
    }

    /** The Set-Cookie for a session (HttpOnly, SameSite=Strict, Secure over TLS); an empty token clears it. */
    public static String setCookie(String token, long maxAgeSeconds, boolean secure) {
        return COOKIE + "=" + (token == null ? "" : token) + "; Path=/; Max-Age=" + (token == null ? 0 : maxAgeSeconds) + "; HttpOnly;"
                + " SameSite=Strict" + (secure ? "; Secure" : "");
    }

    public void signOut(String token) {
        if (token != null) {
            database.inTransaction(tx -> Sql.update(tx, "DELETE FROM vafa_operator_session WHERE token_hash = ?", Sha256.hex(token)));
        }
    }

    /** The user's roles when the realm accepts the password. */
    private static Optional<Set<String>> login(String realm, String user, String password) {
        Subject subject = new Subject();
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        // JAAS loads the realm's login module through the context class loader: Karaf's proxy module is seen from here
        thread.setContextClassLoader(OperatorSignIn.class.getClassLoader());
        try {
            LoginContext context = new LoginContext(realm, subject, callbacks -> {
                for (var callback : callbacks) {
                    if (callback instanceof NameCallback name) {
                        name.setName(user);
                    } else if (callback instanceof PasswordCallback pass) {
                        pass.setPassword(password.toCharArray());
                    }
                }
            });
            context.login();
            Set<String> roles = new TreeSet<>();
            for (Principal p : subject.getPrincipals()) {
                if (p instanceof RolePrincipal) {
                    roles.add(p.getName());
                }
            }
            context.logout();
            return Optional.of(roles);
        } catch (LoginException wrong) {
            return Optional.empty();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
