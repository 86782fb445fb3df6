package org.vafa.shop.torob;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.vafa.api.rest.Problem;

/** Torob's token, signed here with a key pair standing in for Torob's (a real Ed25519 signature, not a stub). */
class TorobTokenTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private final KeyPair torob = pair();
    private final TorobToken check = new TorobToken(pem(torob), "shop.example.com");

    @Test
    void torobsTokenForThisShopWithinItsTimeIsAccepted() {
        assertThatCode(() -> check.check(token(torob, "EdDSA", "\"shop.example.com\"", NOW.getEpochSecond() + 300, NOW.getEpochSecond() - 10),
                NOW)).doesNotThrowAnyException();
    }

    @Test
    void everyOtherTokenIsRefusedWithA401() {
        long exp = NOW.getEpochSecond() + 300;
        refused(token(pair(), "EdDSA", "\"shop.example.com\"", exp, null), "signature");
        refused(token(torob, "EdDSA", "\"another-shop.ir\"", exp, null), "another shop");
        refused(token(torob, "EdDSA", "\"shop.example.com\"", NOW.getEpochSecond() - 3600, null), "expired");
        refused(token(torob, "EdDSA", "\"shop.example.com\"", exp, NOW.getEpochSecond() + 3600), "not valid yet");
        refused(token(torob, "none", "\"shop.example.com\"", exp, null), "EdDSA");
        refused(token(torob, "HS256", "\"shop.example.com\"", exp, null), "EdDSA");
        refused(null, "required");
        refused("not.a.jwt", "not a JWT");
    }

    private void refused(String token, String why) {
        assertThatThrownBy(() -> check.check(token, NOW)).isInstanceOfSatisfying(Problem.class,
                p -> org.assertj.core.api.Assertions.assertThat(p.status()).isEqualTo(401)).hasMessageContaining(why);
    }

    private static String token(KeyPair key, String alg, String aud, long exp, Long nbf) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String head = b64.encodeToString(("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8));
            String body = b64.encodeToString(("{\"aud\":" + aud + ",\"exp\":" + exp + (nbf == null ? "" : ",\"nbf\":" + nbf) + "}")
                    .getBytes(StandardCharsets.UTF_8));
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key.getPrivate());
            s.update((head + "." + body).getBytes(StandardCharsets.US_ASCII));
            return head + "." + body + "." + b64.encodeToString(s.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair pair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(KeyPair pair) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----";
    }
}
