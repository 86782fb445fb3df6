package org.vafa.api.rest;

/** Headers the platform sets on every authenticated REST exchange before the route runs. */
public final class RestHeaders {
    /** Name of the API key that authenticated the request. */
    public static final String API_KEY_NAME = "VafaApiKeyName";
    /** Comma-separated scopes of that key. */
    public static final String API_KEY_SCOPES = "VafaApiKeyScopes";
    /**
     * Set on a POST sent with an {@code Idempotency-Key}: {@code <key name>:<Idempotency-Key>}. A route whose
     * effect has no natural key of its own keys it with this, so that a retry after a lost answer or a 5xx
     * finds the committed effect instead of repeating it.
     */
    public static final String REQUEST_KEY = "VafaRequestKey";
    /**
     * On {@code /api/me/...}: the id of the member whose session token authenticated the request (members sign in by a
     * one-time SMS code). A resource under {@code /api/me} serves this member only: another member's record is a 404.
     */
    public static final String MEMBER_ID = "VafaMemberId";

    private RestHeaders() {
    }

    /** Whether the key's scopes (the {@link #API_KEY_SCOPES} header) include {@code scope} (or admin). */
    public static boolean hasScope(String scopesHeader, String scope) {
        if (scopesHeader == null) {
            return false;
        }
        for (String s : scopesHeader.split(",")) {
            if (s.equals(scope) || s.equals("admin")) {
                return true;
            }
        }
        return false;
    }

    /** The signed-in member of a request under {@code /api/me} ({@link #MEMBER_ID}); 401 if there is none. */
    public static String signedInMember(org.apache.camel.Exchange exchange) {
        String id = exchange.getMessage().getHeader(MEMBER_ID, String.class);
        if (id == null) {
            throw new Problem(401, "Unauthorized", "Sign in first", null); // only if a resource outside /api/me asks
        }
        return id;
    }

    /** 403 unless the key has {@code scope}: for resources that need more than their area's scope. */
    public static void requireScope(String scopesHeader, String scope, String what) {
        if (!hasScope(scopesHeader, scope)) {
            throw new Problem(403, "Forbidden", what + " needs a key with scope '" + scope + "'", null);
        }
    }
}
