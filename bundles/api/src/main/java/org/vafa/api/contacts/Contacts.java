package org.vafa.api.contacts;

import java.util.Optional;

/**
 * The platform's contact directory: resolves a reference to a {@link Contact}. A reference is
 * {@code <kind>:<id>} for a person a plugin holds ({@code member:42}, {@code staff:sara}), or a raw
 * {@code tel:<number>} (any usual form; E.164 out) or {@code mailto:<address>}, which need no plugin.
 */
public interface Contacts {

    /**
     * @return the contact, or empty when the kind's plugin knows no such person
     * @throws IllegalArgumentException when the reference is malformed or a raw number or address is invalid
     * @throws KindNotInstalled when no installed plugin resolves the reference's kind
     */
    Optional<Contact> resolve(String reference);

    /**
     * The person of {@code kind} with this mobile number (any usual form), see {@link ContactSource#findByMobile}.
     *
     * @throws IllegalArgumentException when the number is invalid
     * @throws KindNotInstalled when no installed plugin provides the kind
     */
    Optional<Contact> findByMobile(String kind, String mobile);

    /** No installed plugin provides contacts of this kind (e.g. {@code member} without the club). */
    final class KindNotInstalled extends RuntimeException {
        private final String kind;

        public KindNotInstalled(String kind) {
            super("No installed plugin provides contacts of kind '" + kind + "'");
            this.kind = kind;
        }

        public String kind() {
            return kind;
        }

        /** The bean name its source is registered under, so that a route's subscription can wait for it. */
        public String beanName() {
            return kind + "Contacts";
        }
    }
}
