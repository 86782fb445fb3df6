package org.vafa.api.input;

/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits → ASCII, other characters unchanged. */
public final class Digits {
    private Digits() {
    }

    public static String toAscii(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '۰' && c <= '۹') {
                out.append((char) ('0' + (c - '۰')));
            } else if (c >= '٠' && c <= '٩') {
                out.append((char) ('0' + (c - '٠')));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
