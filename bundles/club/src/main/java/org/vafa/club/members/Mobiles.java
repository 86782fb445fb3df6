package org.vafa.club.members;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Mobile numbers as people type them ({@code 09121234567}, {@code +98 912 123 4567},
 * {@code ۰۹۱۲۱۲۳۴۵۶۷}, {@code 00989121234567}) → E.164 ({@code +989121234567}), with libphonenumber.
 */
public final class Mobiles {
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private Mobiles() {
    }

    /**
     * @param defaultRegion ISO country of numbers typed without a country code, e.g. {@code IR}
     * @throws IllegalArgumentException with a reason a person understands
     */
    public static String toE164(String typed, String defaultRegion) {
        if (typed == null || typed.isBlank()) {
            throw new IllegalArgumentException("a mobile number is required");
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
        PhoneNumberType type = PHONES.getNumberType(number);
        if (type != PhoneNumberType.MOBILE && type != PhoneNumberType.FIXED_LINE_OR_MOBILE) {
            throw new IllegalArgumentException("'" + typed + "' is not a mobile number");
        }
        return PHONES.format(number, PhoneNumberFormat.E164);
    }
}
