package org.vafa.api.channels;

import java.util.Map;

/**
 * A channel that sends a service text to a person now, for a caller that cannot wait for a route: the platform's
 * member sign-in sends its one-time code through it (a code must never travel in the event log, which routes
 * replay). The SMS plugin provides it; everything else reaches channels through routes.
 */
public interface TextChannel {

    /**
     * Queues a text of {@code type} (its template is {@code templates/sms/<type>.<language>.ftl}) to the contact
     * reference ({@code member:42}, {@code tel:+98...}); the channel renders it with {@code data} and hands it to its
     * gateway at once if the type is urgent. Once per {@code dedupKey}.
     *
     * @return the message's id
     * @throws IllegalArgumentException when the reference is unknown or has no mobile number
     */
    String send(String reference, String type, Map<String, Object> data, String dedupKey);
}
