package org.vafa.club;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.vafa.club}; the defaults below are the only ones. */
@ObjectClassDefinition(name = "Vafa club", description = "The customer club")
public @interface ClubConfig {

    @AttributeDefinition(description = "Country (ISO 3166) of mobile numbers typed without a country code")
    String defaultRegion() default "IR";

    @AttributeDefinition(description = "First digits of generated loyalty card numbers")
    String cardPrefix() default "6104";

    @AttributeDefinition(description = "Points expire this many months after they became spendable, oldest first (0: never)")
    int pointsExpireAfterMonths() default 12;

    @AttributeDefinition(description = "The club's money (ISO 4217): stored value and amount vouchers are in it")
    String currency() default "IRR";

    @AttributeDefinition(description = "Where the club's days begin and end: birthdays, daily jobs, monthly reports")
    String timeZone() default "Asia/Tehran";
}
