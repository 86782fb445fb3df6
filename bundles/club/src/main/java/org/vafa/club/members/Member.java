package org.vafa.club.members;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A club member as stored. */
public record Member(String id, String firstName, String lastName, String mobile, String email, LocalDate birthDate,
                     LocalDate anniversary, Gender gender, String city, boolean consentSms, boolean consentEmail,
                     Status status, String referralCode, String referredBy, Instant joinedAt, Instant leftAt,
                     Instant updatedAt, List<String> cards) {

    public enum Status { PENDING_VERIFICATION, ACTIVE, LEFT }

    public enum Gender { FEMALE, MALE, OTHER, UNKNOWN }
}
