package org.vafa.club.members;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
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

    /** The longest token kept for a word: a longer word typed is found by its first letters, then checked in full. */
    public static final int TOKEN_LENGTH = 12;
    private static final Pattern NOT_A_LETTER = Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");

    /** The words of a search key: letters and digits, split at spaces and punctuation ({@code <img src=x>} → img, src, x). */
    public static List<String> words(String searchKey) {
        return Arrays.stream(NOT_A_LETTER.split(searchKey)).filter(w -> !w.isEmpty()).toList();
    }

    /**
     * What a name is found by as it is typed: each word's prefixes of 2 to {@link #TOKEN_LENGTH} letters (a word of
     * one letter is its own token). "ستاره کریمی" → ست, ستا, ستار, ستاره, کر, کری, کریم, کریمی.
     */
    public static Set<String> tokens(String searchKey) {
        Set<String> tokens = new LinkedHashSet<>();
        for (String word : words(searchKey)) {
            int[] letters = word.codePoints().toArray();
            for (int length = Math.min(2, letters.length); length <= Math.min(TOKEN_LENGTH, letters.length); length++) {
                tokens.add(new String(letters, 0, length));
            }
        }
        return tokens;
    }

    /** The token a typed word is looked up by (its first {@link #TOKEN_LENGTH} letters). */
    public static String token(String word) {
        int[] letters = word.codePoints().toArray();
        return new String(letters, 0, Math.min(TOKEN_LENGTH, letters.length));
    }
}
