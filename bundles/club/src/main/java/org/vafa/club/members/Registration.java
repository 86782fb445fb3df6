package org.vafa.club.members;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.Set;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.Problem;

/**
 * {@code POST /api/club/members}: a new member as the request gives them. Checked however it is made; the
 * mobile is kept as typed (any usual form, Persian digits too) and made E.164 by {@link Members} with the
 * platform's region. A card number is generated when none is given.
 */
public record Registration(String firstName, String lastName, String mobile, String email, LocalDate birthDate,
                           LocalDate anniversary, Member.Gender gender, String city, Consents consents, String cardNumber,
                           String referralCode, boolean pendingVerification) {
    private static final Set<String> FIELDS = Set.of("firstName", "lastName", "mobile", "email", "birthDate", "anniversary",
            "gender", "city", "consents", "cardNumber", "referralCode", "pendingVerification");

    /** What the member agreed to be sent; nothing unless given. */
    public record Consents(boolean sms, boolean email) {
        public static final Consents NONE = new Consents(false, false);
    }

    public Registration {
        firstName = MemberFields.name("firstName", firstName);
        lastName = MemberFields.name("lastName", lastName);
        if (mobile == null || mobile.isBlank()) {
            throw Problem.invalidField("mobile", "mobile is required");
        }
        email = MemberFields.email(email);
        birthDate = MemberFields.past("birthDate", birthDate);
        anniversary = MemberFields.past("anniversary", anniversary);
        gender = gender == null ? Member.Gender.UNKNOWN : gender;
        city = MemberFields.text("city", city, 100);
        consents = consents == null ? Consents.NONE : consents;
        cardNumber = MemberFields.cardNumber(cardNumber);
        referralCode = MemberFields.text("referralCode", referralCode, 12);
    }

    /** A registration with only the required fields. */
    public static Registration of(String firstName, String lastName, String mobile) {
        return new Registration(firstName, lastName, mobile, null, null, null, null, null, null, null, null, false);
    }

    /** From a request's JSON: only these fields, each of its type. */
    public static Registration read(JsonNode body) {
        Fields f = new Fields(body, FIELDS);
        return new Registration(f.text("firstName", true, 100), f.text("lastName", true, 100), f.text("mobile", true, 40),
                f.text("email", false, 254), MemberFields.date(f, "birthDate"), MemberFields.date(f, "anniversary"),
                MemberFields.gender(f), f.text("city", false, 100), consents(f.object("consents", Set.of("sms", "email"))),
                f.text("cardNumber", false, 32), f.text("referralCode", false, 12), f.flag("pendingVerification", false));
    }

    private static Consents consents(Fields consents) {
        return consents == null ? Consents.NONE : new Consents(consents.flag("sms", false), consents.flag("email", false));
    }
}
