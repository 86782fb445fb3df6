package org.vafa.club.members;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Locale;

/** The JSON form of a member, as the REST API answers and as member events carry it. */
public final class MemberJson {
    /** The club's JSON: times as ISO-8601 text (2026-11-23T08:15:30Z), amounts as plain numbers. */
    public static final ObjectMapper MAPPER = org.vafa.api.rest.RestJson.MAPPER;

    private MemberJson() {
    }

    public static ObjectNode of(Member m) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", m.id());
        n.put("firstName", m.firstName());
        n.put("lastName", m.lastName());
        n.put("mobile", m.mobile());
        n.put("email", m.email());
        date(n, "birthDate", m.birthDate());
        date(n, "anniversary", m.anniversary());
        n.put("gender", m.gender().name().toLowerCase(Locale.ROOT));
        n.put("city", m.city());
        ObjectNode consents = n.putObject("consents");
        consents.put("sms", m.consentSms());
        consents.put("email", m.consentEmail());
        n.put("status", m.status().name().toLowerCase(Locale.ROOT));
        n.put("referralCode", m.referralCode());
        n.put("referredBy", m.referredBy());
        n.put("joinedAt", m.joinedAt().toString());
        n.put("leftAt", m.leftAt() == null ? null : m.leftAt().toString());
        n.set("cards", MAPPER.valueToTree(m.cards()));
        return n;
    }

    private static void date(ObjectNode n, String field, LocalDate date) {
        if (date == null) {
            n.putNull(field);
        } else {
            ObjectNode d = n.putObject(field);
            d.put("gregorian", date.toString());
            d.put("jalali", ClubDates.jalali(date));
        }
    }
}
