package org.vafa.shop.torob;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import org.vafa.api.rest.Problem;
import org.vafa.api.rest.RestJson;

/**
 * Torob's request token ({@code X-Torob-Token}): a JWT signed with Torob's Ed25519 key ({@code alg} EdDSA, and no other:
 * the token does not choose how it is checked), for this shop ({@code aud}), within its {@code nbf}..{@code exp} (a minute
 * of slack for clocks that disagree). The JDK verifies Ed25519 itself; the JWT around it is three base64url parts.
 */
final class TorobToken {
    static final long LEEWAY_SECONDS = 60;

    private final PublicKey key;
    private final String audience;

    TorobToken(String publicKey, String audience) {
        if (publicKey == null || publicKey.isBlank() || audience == null || audience.isBlank()) {
            throw new IllegalStateException("org.vafa.shop.torob: publicKey and audience are required");
        }
        String base64 = publicKey.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            this.key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("org.vafa.shop.torob: publicKey is not an Ed25519 public key (PEM): " + e.getMessage());
        }
        this.audience = audience.strip();
    }

    /** Nothing when the token is Torob's, for this shop and current; otherwise a 401 saying why. */
    void check(String token, Instant now) {
        String[] parts = token == null ? new String[0] : token.strip().split("\\.", -1);
        if (parts.length != 3) {
            throw refused("X-Torob-Token is required (a JWT)");
        }
        JsonNode header = part(parts[0]);
        if (!"EdDSA".equals(header.path("alg").asText())) {
            throw refused("the token is not signed with EdDSA");
        }
        try {
            Signature ed25519 = Signature.getInstance("Ed25519");
            ed25519.initVerify(key);
            ed25519.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!ed25519.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                throw refused("the token's signature is not Torob's");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw refused("the token's signature is not Torob's");
        }
        JsonNode claims = part(parts[1]);
        JsonNode aud = claims.path("aud");
        boolean forUs = aud.isTextual() ? aud.asText().equals(audience) : aud.isArray() && aud.toString().contains("\"" + audience + "\"");
        if (!forUs) {
            throw refused("the token is for another shop");
        }
        long seconds = now.getEpochSecond();
        if (!claims.path("exp").canConvertToLong() || claims.get("exp").asLong() + LEEWAY_SECONDS < seconds) {
            throw refused("the token has expired");
        }
        if (claims.has("nbf") && claims.get("nbf").asLong() - LEEWAY_SECONDS > seconds) {
            throw refused("the token is not valid yet");
        }
    }

    private static JsonNode part(String base64url) {
        try {
            return RestJson.MAPPER.readTree(Base64.getUrlDecoder().decode(base64url));
        } catch (Exception e) {
            throw refused("the token is not a JWT");
        }
    }

    private static Problem refused(String why) {
        return new Problem(401, "Unauthorized", "Torob's token refused: " + why, null);
    }
}
