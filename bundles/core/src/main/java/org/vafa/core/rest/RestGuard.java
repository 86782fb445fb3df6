package org.vafa.core.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.AsyncCallback;
import org.apache.camel.AsyncProcessor;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.AsyncProcessorSupport;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.RestHeaders;
import org.vafa.core.members.MemberSignIn;
import org.vafa.core.operators.OperatorSignIn;

/**
 * Runs in front of every REST resource:
 * <ol>
 *   <li>authentication: {@code Authorization: Bearer <key>} (401 without a valid key), except for the public
 *   {@code /api/health}, {@code /api/openapi.json} and a member's sign-in; {@code /api/public/...} is authorised by the
 *   signed token in its path (a link sent by SMS); under {@code /api/me} the bearer is a member's session token (no
 *   API key serves it), and the route learns the member from {@link RestHeaders#MEMBER_ID}; an operator's console session
 *   (the {@code vafa_console} cookie, {@link OperatorSignIn}) stands for a key with the scopes of the operator's roles,
 *   and a change (any method but GET and HEAD) made with it must carry the session's {@code X-CSRF-Token} (403
 *   otherwise); {@code /api/console/...} is served only to such a session;</li>
 *   <li>authorisation on the canonical path (a non-canonical one is 400): {@code /api/<area>/...} needs scope
 *   {@code <area>} (or {@code admin}, or a scope a plugin granted that path: {@link ScopeGrants}), else 403;</li>
 *   <li>rate limits per key (429 with Retry-After), see {@link RateLimits};</li>
 *   <li>the body: at most {@code maxBodyBytes} (413; Jetty enforces it while reading), read once and handed on as a UTF-8 string;</li>
 *   <li>{@code Idempotency-Key} on POST: the first answer is stored and returned to every retry;</li>
 *   <li>errors: whatever the route throws becomes RFC 9457 problem+json.</li>
 * </ol>
 */
final class RestGuard extends AsyncProcessorSupport {
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    private final AsyncProcessor route;
    private final ApiKeys apiKeys;
    private final IdempotentRequests idempotent;
    private final int maxBodyBytes;
    private final RateLimits rateLimits;
    private final MemberSignIn members;
    private final OperatorSignIn operators;
    private final ScopeGrants grants;
    private final RequestObserver observer;

    /** Who called: an API key, or a signed-in member ({@code member:<id>}, scope {@code me}). */
    private record Caller(String name, java.util.Set<String> scopes) {
    }

    RestGuard(Processor route, ApiKeys apiKeys, IdempotentRequests idempotent, int maxBodyBytes, RateLimits rateLimits,
              MemberSignIn members, OperatorSignIn operators, ScopeGrants grants, RequestObserver observer) {
        this.observer = observer;
        this.grants = grants;
        this.operators = operators;
        this.rateLimits = rateLimits;
        this.members = members;
        this.route = AsyncProcessorConverterHelper.convert(route);
        this.apiKeys = apiKeys;
        this.idempotent = idempotent;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback answered) {
        long arrived = System.nanoTime();
        String[] area = {"invalid"};
        AsyncCallback callback = doneSync -> {
            try {
                observer.answered(area[0], exchange.getIn().getHeader(Exchange.HTTP_METHOD, "GET", String.class),
                        exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class), System.nanoTime() - arrived);
            } finally {
                answered.done(doneSync);
            }
        };
        Message in = exchange.getMessage();
        // only the platform sets Vafa* headers: a client's would otherwise pose as a member, a key or a route's setting
        in.getHeaders().keySet().removeIf(name -> name.regionMatches(true, 0, "Vafa", 0, 4));
        Map<String, Object> requestHeaders = new HashMap<>(in.getHeaders());
        String method = in.getHeader(Exchange.HTTP_METHOD, "GET", String.class);
        Claim claim;
        try {
            String path = CanonicalPath.of(rawPathOf(in)); // authorised on the path that is served
            area[0] = areaOf(path);
            Caller caller = isPublic(path) ? null : MEMBER_AREA.equals(areaOf(path)) ? signedInMember(in)
                    : CONSOLE_AREA.equals(areaOf(path)) ? signedInOperator(in, method, path) : authorise(in, path, method);
            if (caller != null) {
                rateLimits.take(caller.name(), caller.scopes(), "GET".equals(method)
                        && (in.getHeader("mobile") != null || in.getHeader("card") != null));
            } else if (path.startsWith(MemberSignIn.SIGN_IN_PATH) || path.equals(OperatorSignIn.SIGN_IN_PATH)) {
                in.setHeader(MemberSignIn.CLIENT_ADDRESS, clientAddress(in));
                in.setHeader(OperatorSignIn.SECURE_HEADER, secure(in));
            }
            readBody(in);
            claim = caller != null && "POST".equals(method) ? claimIdempotencyKey(exchange, caller.name(), method, path) : null;
            if (claim != null && claim.replayed) {
                dropRequestHeaders(exchange.getMessage(), requestHeaders);
                callback.done(true);
                return true;
            }
        } catch (Exception e) {
            Problems.answer(exchange, Problems.of(e));
            dropRequestHeaders(exchange.getMessage(), requestHeaders);
            callback.done(true);
            return true;
        }
        final Claim held = claim;
        return route.process(exchange, doneSync -> {
            try {
                finish(exchange, held);
                dropRequestHeaders(exchange.getMessage(), requestHeaders);
            } finally {
                callback.done(doneSync);
            }
        });
    }

    /**
     * Camel's HTTP binding writes every message header into the response: take out those that only
     * came with the request (a route that sets a header of its own keeps it).
     */
    private static void dropRequestHeaders(Message out, Map<String, Object> requestHeaders) {
        requestHeaders.forEach((name, value) -> {
            if (!name.startsWith("CamelHttpResponse") && !name.equalsIgnoreCase(Exchange.CONTENT_TYPE)
                    && java.util.Objects.equals(out.getHeader(name), value)) {
                out.removeHeader(name);
            }
        });
        out.removeHeader(RestHeaders.API_KEY_NAME);
        out.removeHeader(RestHeaders.API_KEY_SCOPES);
        out.removeHeader(IDEMPOTENCY_KEY);
        out.removeHeader(RestHeaders.REQUEST_KEY);
        out.removeHeader(RestHeaders.MEMBER_ID);
        out.removeHeader(MemberSignIn.SESSION_HASH);
        out.removeHeader(MemberSignIn.CLIENT_ADDRESS);
        out.removeHeader(OperatorSignIn.OPERATOR_HEADER);
        out.removeHeader(OperatorSignIn.SECURE_HEADER);
    }

    private static final String MEMBER_AREA = "me";
    private static final String CONSOLE_AREA = "console";

    static boolean isPublic(String path) {
        return path.equals("/api/health") || path.equals("/api/openapi.json") || path.equals(MemberSignIn.SIGN_IN_PATH)
                || path.equals(OperatorSignIn.SIGN_IN_PATH)
                || path.equals(MemberSignIn.SIGN_IN_PATH + "/verify")
                // resources behind links sent to people: the signed token in the path is their authority (SignedLinks)
                || path.startsWith("/api/public/");
    }

    private static String clientAddress(Message in) {
        return in instanceof org.apache.camel.http.common.HttpMessage http ? http.getRequest().getRemoteAddr() : null;
    }

    private static boolean secure(Message in) {
        return in instanceof org.apache.camel.http.common.HttpMessage http && http.getRequest().isSecure();
    }

    /** {@code /api/console/...}: an operator's session, never an API key; {@code console} is added to its scopes. */
    private Caller signedInOperator(Message in, String method, String path) {
        in.removeHeader("Authorization");
        Caller caller = operatorSession(in, method)
                .orElseThrow(() -> new Problem(401, "Unauthorized", "Sign in to the console first (POST " + OperatorSignIn.SIGN_IN_PATH + ")", null));
        java.util.Set<String> scopes = new java.util.TreeSet<>(caller.scopes());
        scopes.add(CONSOLE_AREA);
        return new Caller(caller.name(), scopes);
    }

    /**
     * The console's session cookie, if the request has one that is valid: the operator with their scopes. A change must
     * carry the session's CSRF token in {@value OperatorSignIn#CSRF_HEADER} (a page of another site can make the browser
     * send the cookie, but cannot read the token).
     */
    private Optional<Caller> operatorSession(Message in, String method) {
        String token = OperatorSignIn.cookie(in.getHeader("Cookie", String.class));
        if (token == null) {
            return Optional.empty();
        }
        OperatorSignIn.Operator operator = operators.authenticate(token)
                .orElseThrow(() -> new Problem(401, "Unauthorized", "The console session has expired: sign in again", null));
        String csrf = in.getHeader(OperatorSignIn.CSRF_HEADER, String.class);
        in.removeHeader(OperatorSignIn.CSRF_HEADER);
        if (!"GET".equals(method) && !"HEAD".equals(method) && !OperatorSignIn.csrfMatches(operator, csrf)) {
            throw new Problem(403, "Forbidden", "A change from the console needs the session's " + OperatorSignIn.CSRF_HEADER + " header", null);
        }
        in.setHeader(OperatorSignIn.OPERATOR_HEADER, operator.name());
        in.setHeader(RestHeaders.API_KEY_NAME, "operator:" + operator.name());
        in.setHeader(RestHeaders.API_KEY_SCOPES, String.join(",", operator.scopes()));
        return Optional.of(new Caller("operator:" + operator.name(), operator.scopes()));
    }

    /** {@code /api/me/...}: a member's session token, never an API key (not even an admin's: these answers are the member's own). */
    private Caller signedInMember(Message in) {
        String header = in.getHeader("Authorization", String.class);
        in.removeHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Problem(401, "Unauthorized", "Sign in first (POST " + MemberSignIn.SIGN_IN_PATH + ", then /verify) and send"
                    + " Authorization: Bearer <token>", null);
        }
        String token = header.substring(7).trim();
        String memberId = members.authenticate(token)
                .orElseThrow(() -> new Problem(401, "Unauthorized", "Unknown or expired session: sign in again", null));
        in.setHeader(RestHeaders.MEMBER_ID, memberId);
        in.setHeader(MemberSignIn.SESSION_HASH, org.vafa.api.crypto.Sha256.hex(token));
        return new Caller("member:" + memberId, java.util.Set.of(MEMBER_AREA));
    }

    private static String rawPathOf(Message in) {
        String uri = in.getHeader(Exchange.HTTP_URI, "", String.class);
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    /** The area of a path: {@code /api/pos/sales} → {@code pos}. */
    static String areaOf(String path) {
        String rest = path.startsWith("/api/") ? path.substring(5) : path;
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private Caller authorise(Message in, String path, String method) {
        String header = in.getHeader("Authorization", String.class);
        in.removeHeader("Authorization"); // never handed on to routes or logs
        if (header == null) {
            Optional<Caller> operator = operatorSession(in, method);
            if (operator.isPresent()) {
                String area = areaOf(path);
                if (!operator.get().scopes().contains("admin") && !operator.get().scopes().contains(area)
                        && !grants.allow(operator.get().scopes(), path)) {
                    throw new Problem(403, "Forbidden", "Operator " + operator.get().name().substring("operator:".length())
                            + " lacks scope '" + area + "'", null);
                }
                return operator.get();
            }
        }
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Problem(401, "Unauthorized", "Send an API key: Authorization: Bearer <key>", null);
        }
        ApiKeys.ApiKey key = apiKeys.authenticate(header.substring(7).trim())
                .orElseThrow(() -> new Problem(401, "Unauthorized", "Unknown or revoked API key", null));
        String area = areaOf(path);
        if (!key.allows(area) && !grants.allow(key.scopes(), path)) {
            throw new Problem(403, "Forbidden", "API key '" + key.name() + "' lacks scope '" + area + "'", null);
        }
        in.setHeader(RestHeaders.API_KEY_NAME, key.name());
        in.setHeader(RestHeaders.API_KEY_SCOPES, String.join(",", key.scopes()));
        return new Caller(key.name(), key.scopes());
    }

    private void readBody(Message in) throws IOException {
        Object body = in.getBody();
        if (body == null) {
            return;
        }
        InputStream stream = in.getBody(InputStream.class);
        if (stream == null) {
            return;
        }
        // Jetty's SizeLimitHandler refuses a declared length over the limit before this runs, and fails this
        // read as soon as a chunked body passes it; the count here is for bodies that come another way
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        try {
            while ((n = stream.read(buffer)) > 0) {
                bytes.write(buffer, 0, n);
                if (bytes.size() > maxBodyBytes) {
                    throw tooLarge();
                }
            }
        } catch (RuntimeException | IOException e) {
            if (org.apache.camel.util.ObjectHelper.getException(org.eclipse.jetty.http.HttpException.class, e) != null) {
                throw tooLarge();
            }
            throw e;
        }
        try {
            in.setBody(StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw Problem.badRequest("The body is not valid UTF-8"); // never replaced silently
        }
    }

    private Problem tooLarge() {
        return new Problem(413, "Request body too large", "The body may have at most " + maxBodyBytes + " bytes", null);
    }

    private record Claim(String apiKey, String idemKey, boolean replayed) {
    }

    private Claim claimIdempotencyKey(Exchange exchange, String caller, String method, String path) {
        Message in = exchange.getMessage();
        String idemKey = in.getHeader(IDEMPOTENCY_KEY, String.class);
        if (idemKey == null) {
            return null;
        }
        if (idemKey.isBlank() || idemKey.length() > 200) {
            throw Problem.invalidField(IDEMPOTENCY_KEY, "Idempotency-Key must be 1 to 200 characters");
        }
        String hash = requestHash(method, path, in.getBody(String.class));
        Optional<IdempotentRequests.Stored> stored = idempotent.find(caller, idemKey);
        if (stored.isPresent() && !stored.get().requestHash().equals(hash)) {
            throw new Problem(422, "Idempotency-Key reused",
                    "This Idempotency-Key was used for a different request; use a new key for a new request", IDEMPOTENCY_KEY);
        }
        if ((stored.isEmpty() || stored.get().status() == null) && idempotent.begin(caller, idemKey, hash)) {
            // routes key their effects with this, so a run after a lost one finds what the first committed
            in.setHeader(RestHeaders.REQUEST_KEY, caller + ":" + idemKey);
            return new Claim(caller, idemKey, false);
        }
        IdempotentRequests.Stored first = idempotent.find(caller, idemKey)
                .orElseThrow(() -> new Problem(409, "Conflict", "Retry: the first request with this Idempotency-Key just ended", null));
        if (!first.requestHash().equals(hash)) {
            throw new Problem(422, "Idempotency-Key reused",
                    "This Idempotency-Key was used for a different request; use a new key for a new request", IDEMPOTENCY_KEY);
        }
        if (first.status() == null) {
            long wait = Math.max(1, java.time.Duration.between(java.time.Instant.now(),
                    first.claimedAt().plus(IdempotentRequests.LEASE)).toSeconds());
            throw new RateLimits.TooManyRequests(409, "Conflict", "The first request with this Idempotency-Key is still being processed;"
                    + " retry in " + wait + " s", wait);
        }
        in.removeHeaders("*", Exchange.HTTP_URI);
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, first.status());
        in.setHeader(Exchange.CONTENT_TYPE, first.contentType());
        in.setHeader(REPLAYED, "true");
        in.setBody(first.body());
        return new Claim(caller, idemKey, true);
    }

    private static String requestHash(String method, String path, String body) {
        return org.vafa.api.crypto.Sha256.hex(method + " " + path + "\n", body == null ? "" : body);
    }

    /** After the route: map failures to problems, then remember the answer for the Idempotency-Key. */
    private void finish(Exchange exchange, Claim claim) {
        Exception failure = exchange.getException();
        if (failure != null) {
            Problems.answer(exchange, Problems.of(failure));
        }
        if (claim == null) {
            return;
        }
        Message out = exchange.getMessage();
        int status = out.getHeader(Exchange.HTTP_RESPONSE_CODE, 200, Integer.class);
        if (status >= 500) {
            idempotent.release(claim.apiKey, claim.idemKey); // the retry runs again at once (and finds what was committed)
            return;
        }
        String body = out.getBody(String.class);
        out.setBody(body);
        idempotent.complete(claim.apiKey, claim.idemKey, status, out.getHeader(Exchange.CONTENT_TYPE, String.class), body);
    }
}
