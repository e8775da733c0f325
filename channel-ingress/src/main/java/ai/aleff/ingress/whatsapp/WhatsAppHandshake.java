package ai.aleff.ingress.whatsapp;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides Meta's subscription handshake ({@code GET ?hub.mode=subscribe&hub.verify_token=..&hub.challenge=..}).
 * The challenge is echoed only when the token matches, and only if it is a short run of ASCII letters, digits,
 * {@code -} or {@code _}: Meta sends a decimal number, and anything else echoed as a raw body could be used to
 * reflect attacker-chosen content from our domain.
 */
public final class WhatsAppHandshake {

    private static final Pattern SAFE_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private WhatsAppHandshake() {
    }

    /** The challenge to answer with 200, or empty when the request must be refused (403). */
    public static Optional<String> challengeToEcho(String expectedToken, String mode, String token, String challenge) {
        if (expectedToken == null || expectedToken.isEmpty() || token == null || !"subscribe".equals(mode)) {
            return Optional.empty();
        }
        boolean tokenOk = MessageDigest.isEqual(
                expectedToken.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
        if (!tokenOk || challenge == null || !SAFE_CHALLENGE.matcher(challenge).matches()) {
            return Optional.empty();
        }
        return Optional.of(challenge);
    }
}
