package org.vafa.core.links;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.vafa.api.db.Database;
import org.vafa.api.db.Sql;
import org.vafa.api.links.SignedLinks;

/**
 * {@link SignedLinks} as {@code <subject>.<expiry, seconds in base 36>.<HMAC-SHA256 of purpose, subject and expiry,
 * first 16 bytes, base64url>}: short enough for an SMS. The key is made once, at random, and kept in the database
 * (table {@code vafa_secret}), so every node signs alike and a restart keeps links valid.
 */
@Component(service = SignedLinks.class)
public class HmacSignedLinks implements SignedLinks {
    private static final String KEY_NAME = "link-signing";
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern TOKEN = Pattern.compile("([A-Za-z0-9-]{1,64})\\.([0-9a-z]{1,13})\\.([A-Za-z0-9_-]{22})");

    private final byte[] key;

    @Activate
    public HmacSignedLinks(@Reference Database database) {
        String stored = database.inTransaction(tx -> {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            // two nodes starting at once: the first key stays, both read it below
            Sql.update(tx, "INSERT INTO vafa_secret (name, secret, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", KEY_NAME,
                    Base64.getEncoder().encodeToString(fresh), Instant.now());
            return Sql.one(tx, "SELECT secret FROM vafa_secret WHERE name = ?", rs -> rs.getString(1), KEY_NAME).orElseThrow();
        });
        this.key = Base64.getDecoder().decode(stored);
    }

    @Override
    public String sign(String purpose, String subject, Instant expiresAt) {
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            throw new IllegalArgumentException("A link's subject is 1 to 64 letters, digits or '-'");
        }
        String expiry = Long.toString(expiresAt.getEpochSecond(), 36);
        return subject + "." + expiry + "." + mac(purpose, subject, expiry);
    }

    @Override
    public Optional<String> verify(String purpose, String token) {
        var m = token == null ? null : TOKEN.matcher(token);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        boolean genuine = MessageDigest.isEqual(mac(purpose, m.group(1), m.group(2)).getBytes(StandardCharsets.US_ASCII),
                m.group(3).getBytes(StandardCharsets.US_ASCII));
        if (!genuine || Instant.ofEpochSecond(Long.parseLong(m.group(2), 36)).isBefore(Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(m.group(1));
    }

    private String mac(String purpose, String subject, String expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full = mac.doFinal((purpose + "\n" + subject + "\n" + expiry).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(full, 16));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
