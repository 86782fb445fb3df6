package org.vafa.club.members;

import java.time.LocalDate;
import java.util.Locale;
import org.vafa.api.input.Digits;
import org.vafa.api.rest.Fields;
import org.vafa.api.rest.Problem;

/** The checks a member's fields pass, however a registration or a change was made; each mistake names its field. */
final class MemberFields {
    private MemberFields() {
    }

    static String name(String field, String value) {
        if (value == null) {
            throw Problem.invalidField(field, field + " is required");
        }
        if (!Fields.visible(value) || value.length() > 100 || value.codePoints().noneMatch(Character::isLetter)) {
            throw Problem.invalidField(field, field + " is 1 to 100 characters with letters");
        }
        return value.trim();
    }

    static String text(String field, String value, int max) {
        if (value != null && (!Fields.visible(value) || value.length() > max)) {
            throw Problem.invalidField(field, field + " is text of 1 to " + max + " characters");
        }
        return value == null ? null : value.trim();
    }

    static String email(String email) {
        if (email != null && (email.length() > 254 || !email.trim().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
            throw Problem.invalidField("email", "'" + email + "' is not an e-mail address");
        }
        return email == null ? null : email.trim();
    }

    static LocalDate past(String field, LocalDate date) {
        if (date != null && date.isAfter(LocalDate.now())) {
            throw Problem.invalidField(field, field + " is in the future");
        }
        return date;
    }

    /** A date as members type it (Jalali or Gregorian, Persian digits too), from a request's field. */
    static LocalDate date(Fields f, String field) {
        String typed = f.text(field, false, 20);
        try {
            return typed == null ? null : ClubDates.parse(typed);
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField(field, e.getMessage());
        }
    }

    static Member.Gender gender(Fields f) {
        String typed = f.text("gender", false, 10);
        try {
            return typed == null ? null : Member.Gender.valueOf(typed.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problem.invalidField("gender", "gender is one of female, male, other, unknown");
        }
    }

    /** A card number as scanned or typed (Persian digits, spaces and dashes allowed), as its digits. */
    static String cardNumber(String given) {
        if (given == null) {
            return null;
        }
        String digits = Digits.toAscii(given).replaceAll("[\\s-]", "");
        if (!digits.matches("\\d{8,19}")) {
            throw Problem.invalidField("cardNumber", "A card number has 8 to 19 digits");
        }
        return digits;
    }
}
