package org.vafa.club.members;

import java.util.Locale;
import org.vafa.api.input.Digits;

/**
 * The search form of a name: Persian text typed on Arabic keyboards uses Arabic yeh (ي) and kaf (ك),
 * and names are written with or without the zero-width non-joiner; all of it searches alike.
 */
public final class Names {
    private Names() {
    }

    public static String searchKey(String text) {
        String s = Digits.toAscii(text == null ? "" : text)
                .replace('ي', 'ی').replace('ى', 'ی').replace('ك', 'ک')
                .replace('\u200c', ' ').replace('\u200f', ' ').replace('\u200e', ' ')
                .replace("ة", "ه").replace("أ", "ا").replace("إ", "ا").replace("ؤ", "و");
        return s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
