package org.vafa.club.members;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** The JSON form of a member, as the REST API answers and as member events carry it. */
public final class MemberJson {
    /** The club's JSON: times as ISO-8601 text (2026-11-23T08:15:30Z), amounts as plain numbers. */
    public static final ObjectMapper MAPPER = org.vafa.api.rest.RestJson.MAPPER;

    /** A member as answered (its schema is in the OpenAPI document); gender and status in lower case. */
    public record View(String id, String firstName, String lastName, String mobile, String email, Day birthDate,
                       Day anniversary, String gender, String city, Registration.Consents consents, String status,
                       String referralCode, String referredBy, Instant joinedAt, Instant leftAt, List<String> cards) {
    }

    /** A day both ways: {@code 1991-08-03} and {@code 1370-05-12}. */
    public record Day(LocalDate gregorian, String jalali) {
        static Day of(LocalDate date) {
            return date == null ? null : new Day(date, ClubDates.jalali(date));
        }
    }

    private MemberJson() {
    }

    public static View view(Member m) {
        return new View(m.id(), m.firstName(), m.lastName(), m.mobile(), m.email(), Day.of(m.birthDate()), Day.of(m.anniversary()),
                m.gender().name().toLowerCase(Locale.ROOT), m.city(), new Registration.Consents(m.consentSms(), m.consentEmail()),
                m.status().name().toLowerCase(Locale.ROOT), m.referralCode(), m.referredBy(), m.joinedAt(), m.leftAt(), m.cards());
    }

    public static ObjectNode of(Member m) {
        return MAPPER.valueToTree(view(m));
    }
}
