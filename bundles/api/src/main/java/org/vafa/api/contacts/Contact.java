package org.vafa.api.contacts;

import java.util.Map;

/**
 * A person messages go to, as channels need them: where to reach them, in which language, what they agreed to,
 * and what templates may show about them.
 *
 * @param reference    the reference it was resolved from, e.g. {@code member:42}, {@code tel:+989121234567}
 * @param mobile       E.164, or null
 * @param email        or null
 * @param language     a language tag ({@code fa}, {@code en}), or null for the channel's default
 * @param consentSms   agreed to marketing texts (service texts go regardless)
 * @param consentEmail agreed to marketing mail
 * @param details      what a template sees as {@code member} (or the kind's name): names, card numbers, balances;
 *                     plain values, lists and maps only
 */
public record Contact(String reference, String mobile, String email, String language, boolean consentSms, boolean consentEmail,
                      Map<String, Object> details) {

    public Contact {
        // not Map.copyOf: a detail may be null (no email, no tier yet)
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }
}
