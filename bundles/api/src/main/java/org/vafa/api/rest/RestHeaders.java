package org.vafa.api.rest;

/** Headers the platform sets on every authenticated REST exchange before the route runs. */
public final class RestHeaders {
    /** Name of the API key that authenticated the request. */
    public static final String API_KEY_NAME = "VafaApiKeyName";
    /** Comma-separated scopes of that key. */
    public static final String API_KEY_SCOPES = "VafaApiKeyScopes";

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

    /** 403 unless the key has {@code scope}: for resources that need more than their area's scope. */
    public static void requireScope(String scopesHeader, String scope, String what) {
        if (!hasScope(scopesHeader, scope)) {
            throw new Problem(403, "Forbidden", what + " needs a key with scope '" + scope + "'", null);
        }
    }
}
