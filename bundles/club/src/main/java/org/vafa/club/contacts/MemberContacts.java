package org.vafa.club.contacts;

import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.contacts.Contact;
import org.vafa.api.contacts.ContactSource;
import org.vafa.api.rest.RestJson;
import org.vafa.club.api.ClubCheckout;

/**
 * The club's members as contacts ({@code member:<id>}): mobile, email and consents, and for templates the member
 * as the register sees them (names, cards, tier, points, stored value, vouchers).
 */
@Component(service = ContactSource.class, property = {ContactSource.KIND + "=member", "name=memberContacts"})
public class MemberContacts implements ContactSource {
    private final ClubCheckout club;

    @Activate
    public MemberContacts(@Reference ClubCheckout club) {
        this.club = club;
    }

    @Override
    public Optional<Contact> find(String id) {
        return club.find(null, null, id).map(MemberContacts::contact);
    }

    /** A member in the club (not one who left or was erased) with this number. */
    @Override
    public Optional<Contact> findByMobile(String e164) {
        return club.find(null, e164, null).filter(m -> org.vafa.club.members.Member.Status.valueOf(m.status().toUpperCase()).inClub()).map(MemberContacts::contact);
    }

    private static Contact contact(ClubCheckout.MemberView m) {
        return new Contact("member:" + m.id(), m.mobile(), m.email(), null, m.consentSms(), m.consentEmail(), details(m));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(ClubCheckout.MemberView member) {
        return RestJson.MAPPER.convertValue(member, Map.class);
    }
}
