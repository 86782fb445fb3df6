package org.vafa.api.links;

import java.time.Instant;
import java.util.Optional;

/**
 * Tokens for links sent to people by SMS or mail (a ticket's satisfaction question, a survey): signed by the server
 * (HMAC-SHA256 with a key every node shares), so a link cannot be made up or altered, and valid until a time. The
 * same purpose, subject and expiry always give the same token, so a redelivered event texts the same link. A link is
 * single-use by what it does: the resource records its answer once. Resources behind such links live under
 * {@code /api/public/...}, which needs no API key.
 */
public interface SignedLinks {

    /**
     * @param purpose what the link is for, e.g. {@code ticket-rating}: a token for one purpose is refused for another
     * @param subject what it is about, e.g. a ticket's id: letters, digits and '-', at most 64
     */
    String sign(String purpose, String subject, Instant expiresAt);

    /** The subject of a genuine, unexpired token for the purpose; empty for anything else. */
    Optional<String> verify(String purpose, String token);
}
