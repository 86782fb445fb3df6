package org.vafa.email.api;

import java.util.List;

/**
 * A way mail leaves the server (SMTP, the development folder, a provider's API). Register it as an OSGi service
 * with the property {@code transport=<name>}; the email plugin sends through the one named in its configuration
 * ({@code org.vafa.email}, {@code transport}), so transports can be installed and swapped while the server runs.
 * A transport sends one mail and throws if it could not; it never retries itself (the route's durable
 * subscription does, with backoff).
 */
public interface EmailTransport {
    /** The service property naming the transport. */
    String NAME = "transport";

    /** Sends the mail; the answer says where it went (for the log and the caller). */
    Sent send(Mail mail) throws Exception;

    /**
     * One mail: {@code id} is unique per mail (the event's id where there is one) and becomes its Message-ID;
     * {@code html} and {@code text} are the same content, the text as the HTML's alternative.
     */
    record Mail(String id, String from, String to, String subject, String html, String text, List<Attachment> attachments) {
        public Mail {
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
        }
    }

    record Attachment(String name, String contentType, byte[] content) {
    }

    /** {@code where}: e.g. the SMTP server, or the file the development transport wrote. */
    record Sent(String where) {
    }
}
