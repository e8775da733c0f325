package ai.aleff.ingress.telegram;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Checks Telegram's {@code X-Telegram-Bot-Api-Secret-Token} header against the connection's secret.
 * The comparison is constant time so the secret cannot be guessed byte by byte from response timings.
 */
public final class TelegramSecretTokenVerifier {

    /** The header Telegram sends on every webhook POST. */
    public static final String HEADER = "X-Telegram-Bot-Api-Secret-Token";

    private TelegramSecretTokenVerifier() {
    }

    /** Whether {@code presented} (the header value, may be null) equals {@code expected} (the connection's secret). */
    public static boolean matches(String expected, String presented) {
        if (expected == null || expected.isEmpty() || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
