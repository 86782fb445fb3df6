package org.vafa.club.rules;

import java.time.LocalDate;

/** What the rules may know about the member: tier and significant dates (any may be null). */
public record MemberFacts(String tier, LocalDate birthDate, LocalDate anniversary) {
    public static final MemberFacts ANONYMOUS = new MemberFacts(null, null, null);
}
