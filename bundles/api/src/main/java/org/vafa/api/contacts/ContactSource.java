package org.vafa.api.contacts;

import java.util.Optional;

/**
 * Provided by a plugin that holds people of one kind: the club its members, the CRM its staff, the shop its
 * customers. Register it as an OSGi service with {@value #KIND}{@code =<kind>} and {@code name=<kind>Contacts}
 * (the name lets a route's subscription wait for the plugin as for any missing bean). Channels never call a
 * domain plugin directly: they resolve references through {@link Contacts}.
 */
public interface ContactSource {
    /** The service property naming the kind of reference a source resolves: {@code member}, {@code staff}, ... */
    String KIND = "vafa.contacts.kind";

    /** The person of this kind with the id, or empty if there is none. */
    Optional<Contact> find(String id);

    /**
     * The person of this kind whose mobile is {@code e164}, for a person who proves they hold the number (a member's
     * sign-in by a one-time code). Empty when there is none or the kind is not found by number.
     */
    default Optional<Contact> findByMobile(String e164) {
        return Optional.empty();
    }
}
