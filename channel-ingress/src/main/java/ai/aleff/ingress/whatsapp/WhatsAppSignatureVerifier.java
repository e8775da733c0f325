package ai.aleff.ingress.whatsapp;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Meta's {@code X-Hub-Signature-256} header ({@code sha256=} + hex HMAC-SHA256 of the raw body with the
 * app secret). The raw bytes are hashed because Meta signs the escaped-unicode payload as sent; re-serialised
 * JSON would not match. Hex digits are accepted in either case (hex is case-insensitive); the prefix, the
 * length (64 digits) and the alphabet are strict, and the digest comparison is constant time.
 */
public final class WhatsAppSignatureVerifier {

    /** The header Meta sends on every webhook POST. */
    public static final String HEADER = "X-Hub-Signature-256";

    private static final String PREFIX = "sha256=";
    private static final int DIGEST_BYTES = 32;

    private WhatsAppSignatureVerifier() {
    }

    /** Whether {@code header} (may be null) is a valid signature of {@code rawBody} under {@code appSecret}. */
    public static boolean matches(String appSecret, byte[] rawBody, String header) {
        if (appSecret == null || appSecret.isEmpty() || rawBody == null || header == null) {
            return false;
        }
        byte[] presented = parse(header);
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(hmac(appSecret, rawBody), presented);
    }

    /** The header value Meta would send for {@code rawBody}; used by tests and emulators. */
    public static String sign(String appSecret, byte[] rawBody) {
        return PREFIX + java.util.HexFormat.of().formatHex(hmac(appSecret, rawBody));
    }

    private static byte[] parse(String header) {
        if (!header.startsWith(PREFIX) || header.length() != PREFIX.length() + 2 * DIGEST_BYTES) {
            return null;
        }
        byte[] out = new byte[DIGEST_BYTES];
        for (int i = 0; i < DIGEST_BYTES; i++) {
            int hi = Character.digit(header.charAt(PREFIX.length() + 2 * i), 16);
            int lo = Character.digit(header.charAt(PREFIX.length() + 2 * i + 1), 16);
            if (hi < 0 || lo < 0 || !isAsciiHex(header.charAt(PREFIX.length() + 2 * i))
                    || !isAsciiHex(header.charAt(PREFIX.length() + 2 * i + 1))) {
                return null;
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    private static boolean isAsciiHex(char c) {
        // Character.digit also accepts full-width and other Unicode digits; the header is ASCII only.
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static byte[] hmac(String appSecret, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(rawBody);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
