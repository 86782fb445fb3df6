package org.vafa.club.members;

import java.security.SecureRandom;

/** Loyalty card numbers: a prefix, random digits and a Luhn check digit (what card readers and barcodes expect). */
public final class CardNumbers {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int LENGTH = 16;

    private CardNumbers() {
    }

    public static String generate(String prefix) {
        StringBuilder digits = new StringBuilder(prefix);
        while (digits.length() < LENGTH - 1) {
            digits.append(RANDOM.nextInt(10));
        }
        return digits.append(checkDigit(digits)).toString();
    }

    public static boolean isValid(String number) {
        if (number == null || !number.matches("\\d{8,19}")) {
            return false;
        }
        return checkDigit(number.substring(0, number.length() - 1)) == number.charAt(number.length() - 1) - '0';
    }

    static int checkDigit(CharSequence payload) {
        int sum = 0;
        boolean doubleIt = true;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int d = payload.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (10 - sum % 10) % 10;
    }
}
