package org.vafa.api.rest;

import java.util.Set;

/**
 * Issues and revokes API keys for plugins that hand out keys of their own (a register's key, bound to
 * its terminal by the key's name). Requests made with a key carry its name in {@link RestHeaders#API_KEY_NAME}.
 */
public interface ApiKeyIssuer {
    /** Creates a key; the returned secret is not stored and cannot be shown again. A name in use is refused. */
    String create(String name, Set<String> scopes);

    /** @return whether a key of that name was active */
    boolean revoke(String name);
}
