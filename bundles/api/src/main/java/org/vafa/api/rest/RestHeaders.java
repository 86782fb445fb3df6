package org.vafa.api.rest;

/** Headers the platform sets on every authenticated REST exchange before the route runs. */
public final class RestHeaders {
    /** Name of the API key that authenticated the request. */
    public static final String API_KEY_NAME = "VafaApiKeyName";
    /** Comma-separated scopes of that key. */
    public static final String API_KEY_SCOPES = "VafaApiKeyScopes";

    private RestHeaders() {
    }
}
