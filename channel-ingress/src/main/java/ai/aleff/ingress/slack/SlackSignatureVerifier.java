package ai.aleff.ingress.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks Slack's request signature: {@code X-Slack-Signature} = {@code v0=} + hex HMAC-SHA256 of
 * {@code "v0:" + X-Slack-Request-Timestamp + ":" + raw body} with the app's signing secret, and the timestamp
 * within five minutes of our clock (a captured request replayed later fails). The raw bytes are signed, so nothing
 * is parsed before the check; the comparison is constant time; the header is strict (prefix, 64 ASCII hex digits).
 */
public final class SlackSignatureVerifier {

    public static final String SIGNATURE = "X-Slack-Signature";
    public static final String TIMESTAMP = "X-Slack-Request-Timestamp";
    /** Slack's replay window: requests older (or newer) than this are refused. */
    public static final long WINDOW_SECONDS = 300;

    private static final String PREFIX = "v0=";
    private static final int DIGEST_BYTES = 32;

    private SlackSignatureVerifier() {
    }

    /** What the check found. */
    public enum Verdict {
        VALID, STALE, BAD_SIGNATURE
    }

    /** The verdict for a request; {@code nowEpochSeconds} is our clock. Null inputs are a bad signature. */
    public static Verdict verify(String signingSecret, String timestamp, byte[] rawBody, String signature,
            long nowEpochSeconds) {
        if (signingSecret == null || signingSecret.isEmpty() || timestamp == null || rawBody == null
                || signature == null) {
            return Verdict.BAD_SIGNATURE;
        }
        long sent;
        if (!timestamp.matches("[0-9]{1,12}")) {
            return Verdict.BAD_SIGNATURE;
        }
        sent = Long.parseLong(timestamp);
        byte[] presented = parse(signature);
        if (presented == null || !MessageDigest.isEqual(hmac(signingSecret, timestamp, rawBody), presented)) {
            return Verdict.BAD_SIGNATURE;
        }
        // Checked after the signature, so an unsigned request learns nothing about our clock.
        return Math.abs(nowEpochSeconds - sent) > WINDOW_SECONDS ? Verdict.STALE : Verdict.VALID;
    }

    /** The header Slack would send; used by tests and emulators. */
    public static String sign(String signingSecret, String timestamp, byte[] rawBody) {
        return PREFIX + HexFormat.of().formatHex(hmac(signingSecret, timestamp, rawBody));
    }

    private static byte[] parse(String header) {
        if (!header.startsWith(PREFIX) || header.length() != PREFIX.length() + 2 * DIGEST_BYTES) {
            return null;
        }
        String hex = header.substring(PREFIX.length());
        if (!hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            return null;
        }
        return HexFormat.of().parseHex(hex.toLowerCase(java.util.Locale.ROOT));
    }

    private static byte[] hmac(String secret, String timestamp, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(rawBody);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
