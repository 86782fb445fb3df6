package org.vafa.core.locale;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Vafa locale", description = "Where the business is: region, time zone, language, currency")
public @interface LocaleConfig {
    @AttributeDefinition(description = "ISO 3166 country of phone numbers typed without a country code")
    String region() default "IR";

    @AttributeDefinition(description = "Time zone of 'today': daily jobs, birthdays, monthly reports, quiet hours")
    String timeZone() default "Asia/Tehran";

    @AttributeDefinition(description = "Language of messages unless a person has their own (fa, en)")
    String language() default "fa";

    @AttributeDefinition(description = "ISO 4217 currency of amounts given without one")
    String currency() default "IRR";
}
