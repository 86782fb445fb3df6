package org.vafa.club.members;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Set;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.Problem;

/**
 * {@code PATCH /api/club/members/{id}}: the fields a request changes. Only the fields named in {@code given}
 * change (a given field that is null is cleared, where it may be); consents not given keep their value.
 */
public record MemberChanges(@com.fasterxml.jackson.annotation.JsonIgnore Set<String> given, String firstName, String lastName, String mobile, String email,
                            LocalDate birthDate, LocalDate anniversary, Member.Gender gender, String city, Boolean consentSms,
                            Boolean consentEmail) {
    static final Set<String> FIELDS = Set.of("firstName", "lastName", "mobile", "email", "birthDate", "anniversary", "gender",
            "city", "consents");

    public MemberChanges {
        given = Set.copyOf(given);
        for (String field : given) {
            if (!FIELDS.contains(field)) {
                throw Problem.invalidField(field, "Unknown field '" + field + "'; allowed: " + new java.util.TreeSet<>(FIELDS));
            }
        }
        if (given.contains("firstName")) {
            firstName = MemberFields.name("firstName", firstName);
        }
        if (given.contains("lastName")) {
            lastName = MemberFields.name("lastName", lastName);
        }
        if (given.contains("mobile") && (mobile == null || mobile.isBlank())) {
            throw Problem.invalidField("mobile", "mobile cannot be removed");
        }
        email = MemberFields.email(email);
        birthDate = MemberFields.past("birthDate", birthDate);
        anniversary = MemberFields.past("anniversary", anniversary);
        city = MemberFields.text("city", city, 100);
    }

    /** From a request's JSON: only these fields, each of its type. */
    public static MemberChanges read(JsonNode body) {
        Fields f = new Fields(body, FIELDS);
        Fields consents = f.object("consents", Set.of("sms", "email"));
        return new MemberChanges(f.given(), f.text("firstName", false, 100), f.text("lastName", false, 100),
                f.text("mobile", false, 40), f.text("email", false, 254), MemberFields.date(f, "birthDate"),
                MemberFields.date(f, "anniversary"), MemberFields.gender(f), f.text("city", false, 100),
                consents == null || !consents.has("sms") ? null : consents.flag("sms", false),
                consents == null || !consents.has("email") ? null : consents.flag("email", false));
    }

    /** The member with these changes; {@code mobile} is the changed mobile already made E.164. */
    Member applyTo(Member m, String mobileE164, java.time.Instant now) {
        return new Member(m.id(), given.contains("firstName") ? firstName : m.firstName(),
                given.contains("lastName") ? lastName : m.lastName(), mobileE164 != null ? mobileE164 : m.mobile(),
                given.contains("email") ? email : m.email(), given.contains("birthDate") ? birthDate : m.birthDate(),
                given.contains("anniversary") ? anniversary : m.anniversary(),
                given.contains("gender") ? (gender == null ? Member.Gender.UNKNOWN : gender) : m.gender(),
                given.contains("city") ? city : m.city(), consentSms != null ? consentSms : m.consentSms(),
                consentEmail != null ? consentEmail : m.consentEmail(), m.status(), m.referralCode(), m.referredBy(),
                m.joinedAt(), m.leftAt(), now, m.cards());
    }
}
