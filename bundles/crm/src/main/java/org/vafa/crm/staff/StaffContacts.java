package org.vafa.crm.staff;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.contacts.Contact;
import org.vafa.api.contacts.ContactSource;

/** Staff as contacts ({@code staff:<id>}), so that SMS and email reach them without knowing the CRM; work messages need no consent. */
@Component(service = ContactSource.class, property = {ContactSource.KIND + "=staff", "name=staffContacts"})
public class StaffContacts implements ContactSource {
    private final Staff staff;

    @Activate
    public StaffContacts(@Reference Staff staff) {
        this.staff = staff;
    }

    @Override
    public Optional<Contact> find(String id) {
        return staff.get(id).map(p -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("id", p.id());
            details.put("name", p.name());
            details.put("roles", p.roles());
            return new Contact("staff:" + p.id(), p.mobile(), p.email(), p.language(), true, true, details);
        });
    }
}
