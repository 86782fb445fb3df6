package org.vafa.api.locale;

import java.time.ZoneId;

/**
 * Where the business is: one setting for the whole server (PID {@code org.vafa.locale}) that every plugin reads
 * instead of keeping its own. Defaults: Iran, Asia/Tehran, Persian, Iranian rial.
 */
public interface PlatformLocale {

    /** ISO 3166 country of phone numbers typed without a country code, e.g. {@code IR}. */
    String region();

    /** The time zone of "today" (daily jobs, birthdays, monthly reports, quiet hours). */
    ZoneId timeZone();

    /** The language messages are written in unless a person has their own, e.g. {@code fa}. */
    String language();

    /** ISO 4217 currency of amounts given without one, e.g. {@code IRR}. */
    String currency();
}
