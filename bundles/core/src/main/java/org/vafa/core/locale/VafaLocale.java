package org.vafa.core.locale;

import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.vafa.api.locale.PlatformLocale;

/**
 * The platform's one locale setting (PID {@code org.vafa.locale}). A value that is not valid stops the component,
 * and with it every plugin that reads it, with the reason in the log: better than texting the wrong country.
 * A changed configuration restarts it, and the plugins that read it pick up the new values.
 */
@Component(service = PlatformLocale.class, configurationPid = "org.vafa.locale", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = LocaleConfig.class)
public class VafaLocale implements PlatformLocale {
    private final String region;
    private final ZoneId timeZone;
    private final String language;
    private final String currency;

    @Activate
    public VafaLocale(LocaleConfig config) {
        this(config.region(), config.timeZone(), config.language(), config.currency());
    }

    /** Outside OSGi (tests). */
    public VafaLocale(String region, String timeZone, String language, String currency) {
        if (!Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2).contains(region.trim().toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("org.vafa.locale region '" + region + "' is not an ISO 3166 country code");
        }
        if (!language.trim().matches("[a-z]{2,3}")) {
            throw new IllegalArgumentException("org.vafa.locale language '" + language + "' is not a language code like fa or en");
        }
        this.region = region.trim().toUpperCase(Locale.ROOT);
        this.timeZone = ZoneId.of(timeZone.trim());
        this.language = language.trim();
        this.currency = Currency.getInstance(currency.trim().toUpperCase(Locale.ROOT)).getCurrencyCode();
    }

    /** The defaults, for tests and tools outside OSGi. */
    public static VafaLocale defaults() {
        return new VafaLocale(org.vafa.core.Standalone.defaults(LocaleConfig.class));
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public ZoneId timeZone() {
        return timeZone;
    }

    @Override
    public String language() {
        return language;
    }

    @Override
    public String currency() {
        return currency;
    }
}
