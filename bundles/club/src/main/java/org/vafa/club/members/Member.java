package org.vafa.club.members;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A club member as stored. */
public record Member(String id, String firstName, String lastName, String mobile, String email, LocalDate birthDate,
                     LocalDate anniversary, Gender gender, String city, boolean consentSms, boolean consentEmail,
                     Status status, String referralCode, String referredBy, Instant joinedAt, Instant leftAt,
                     Instant updatedAt, List<String> cards) {

    /** ERASED: the member's personal data was erased on their request; the row keeps only what the books need. */
    public enum Status {
        PENDING_VERIFICATION, ACTIVE, LEFT, ERASED;

        /** A member who has not left (nor been erased): may earn and spend. */
        public boolean inClub() {
            return this == PENDING_VERIFICATION || this == ACTIVE;
        }
    }

    public enum Gender { FEMALE, MALE, OTHER, UNKNOWN }
}
