package org.vafa.core.contacts;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.vafa.api.contacts.Contact;
import org.vafa.api.contacts.ContactSource;
import org.vafa.api.contacts.Contacts;
import org.vafa.api.input.PhoneNumbers;
import org.vafa.api.locale.PlatformLocale;

/**
 * The contact directory: {@code tel:} and {@code mailto:} references need no plugin; {@code <kind>:<id>} goes to
 * the {@link ContactSource} registered for the kind, which may come and go with its plugin. A raw number or
 * address counts as consented: whoever wrote it into the route or the request chose to send (an SMS opt-out
 * still holds, checked by the SMS plugin on the number).
 */
@Component(service = Contacts.class)
public class ContactDirectory implements Contacts {
    private static final Pattern REFERENCE = Pattern.compile("([a-z][a-z0-9]{0,30}):(.{1,200})");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+");

    private final PlatformLocale locale;
    private final Map<String, ContactSource> sources = new ConcurrentHashMap<>();

    @Activate
    public ContactDirectory(@Reference PlatformLocale locale) {
        this.locale = locale;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addSource(ContactSource source, Map<String, Object> properties) {
        Object kind = properties.get(ContactSource.KIND);
        if (kind != null) {
            sources.put(kind.toString(), source);
        }
    }

    public void removeSource(ContactSource source, Map<String, Object> properties) {
        Object kind = properties.get(ContactSource.KIND);
        if (kind != null) {
            sources.remove(kind.toString(), source);
        }
    }

    @Override
    public Optional<Contact> resolve(String reference) {
        var m = reference == null ? null : REFERENCE.matcher(reference.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + reference + "' is not a contact reference like member:42, tel:+989121234567"
                    + " or mailto:sara@example.com");
        }
        String kind = m.group(1);
        String id = m.group(2);
        return switch (kind) {
            case "tel" -> {
                String mobile = PhoneNumbers.toE164(id, locale.region());
                yield Optional.of(new Contact("tel:" + mobile, mobile, null, null, true, true, Map.of("mobile", mobile)));
            }
            case "mailto" -> {
                if (!ADDRESS.matcher(id).matches()) {
                    throw new IllegalArgumentException("'" + id + "' is not an email address");
                }
                yield Optional.of(new Contact("mailto:" + id, null, id, null, true, true, Map.of("email", id)));
            }
            default -> {
                ContactSource source = sources.get(kind);
                if (source == null) {
                    throw new KindNotInstalled(kind);
                }
                yield source.find(id);
            }
        };
    }

    @Override
    public Optional<Contact> findByMobile(String kind, String mobile) {
        String e164 = PhoneNumbers.mobileToE164(mobile, locale.region());
        ContactSource source = sources.get(kind);
        if (source == null) {
            throw new KindNotInstalled(kind);
        }
        return source.findByMobile(e164);
    }
}
