package org.vafa.api.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex: API key hashes, request fingerprints, file checksums. The one place it is computed. */
public final class Sha256 {
    private Sha256() {
    }

    /** Of the UTF-8 bytes of the texts, one after the other. */
    public static String hex(String... texts) {
        MessageDigest sha = digest();
        for (String text : texts) {
            sha.update(text.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Of the bytes, one array after the other. */
    public static String hex(byte[]... parts) {
        MessageDigest sha = digest();
        for (byte[] part : parts) {
            sha.update(part);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
