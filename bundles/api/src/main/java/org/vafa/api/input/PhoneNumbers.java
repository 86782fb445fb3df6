package org.vafa.api.input;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers as people type them ({@code 09121234567}, {@code +98 912 123 4567},
 * {@code ۰۹۱۲۱۲۳۴۵۶۷}, {@code 00989121234567}) → E.164 ({@code +989121234567}), with libphonenumber.
 * The reasons of the {@link IllegalArgumentException}s are meant for the person who typed the number.
 */
public final class PhoneNumbers {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    /**
     * Any valid number (a mobile or a landline).
     *
     * @param defaultRegion ISO country of numbers typed without a country code, e.g. {@code IR}
     */
    public static String toE164(String typed, String defaultRegion) {
        return PHONES.format(parse(typed, defaultRegion), PhoneNumberFormat.E164);
    }

    /** A valid mobile number (one that can receive text messages). */
    public static String mobileToE164(String typed, String defaultRegion) {
        PhoneNumber number = parse(typed, defaultRegion);
        PhoneNumberType type = PHONES.getNumberType(number);
        if (type != PhoneNumberType.MOBILE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE) {
            throw new IllegalArgumentException("'" + typed + "' is not a mobile number");
        }
        return PHONES.format(number, PhoneNumberFormat.E164);
    }

    private static PhoneNumber parse(String typed, String defaultRegion) {
        if (typed == null || typed.isBlank()) {
            throw new IllegalArgumentException("a phone number is required");
        }
        String digits = Digits.toAscii(typed.trim());
        if (digits.startsWith("00")) {
            digits = "+" + digits.substring(2);
        }
        PhoneNumber number;
        try {
            number = PHONES.parse(digits, defaultRegion);
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("'" + typed + "' is not a phone number");
        }
        if (!PHONES.isValidNumber(number)) {
            throw new IllegalArgumentException("'" + typed + "' is not a valid phone number");
        }
        return number;
    }
}
