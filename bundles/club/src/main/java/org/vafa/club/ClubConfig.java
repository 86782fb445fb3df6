package org.vafa.club;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * PID {@code org.vafa.club}; the defaults below are the only ones. The region of mobile numbers, the club's money
 * (stored value, amount vouchers) and the time zone of its days are the platform's ({@code org.vafa.locale}).
 */
@ObjectClassDefinition(name = "Vafa club", description = "The customer club")
public @interface ClubConfig {

    @AttributeDefinition(description = "First digits of generated loyalty card numbers")
    String cardPrefix() default "6104";

    @AttributeDefinition(description = "Points expire this many months after they became spendable, oldest first (0: never)")
    int pointsExpireAfterMonths() default 12;

    @AttributeDefinition(description = "The console's dashboard figures are refreshed in the background when older than this (seconds)")
    int dashboardSeconds() default 60;
}
