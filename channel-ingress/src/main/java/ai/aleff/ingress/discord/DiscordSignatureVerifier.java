package ai.aleff.ingress.discord;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * Checks Discord's interaction signature with the JDK's own EdDSA: {@code X-Signature-Ed25519} is the hex Ed25519
 * signature of {@code X-Signature-Timestamp + raw body}, made with the application's key; its public half (64 hex
 * digits, from the Developer Portal) verifies it. The raw bytes are verified, so nothing is parsed before the check;
 * the headers are strict (a signature of exactly 128 hex digits, a timestamp of digits). Discord sends bad signatures
 * on purpose and unlists an endpoint that accepts them. A verified timestamp more than five minutes from our clock is
 * a replay of a captured request: refused too, checked after the signature so an unsigned request learns nothing.
 */
public final class DiscordSignatureVerifier {

    public static final String SIGNATURE = "X-Signature-Ed25519";
    public static final String TIMESTAMP = "X-Signature-Timestamp";
    /** Requests signed longer ago (or later) than this are refused. */
    public static final long WINDOW_SECONDS = 300;

    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410): the raw 32-byte key follows it. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final int KEY_BYTES = 32;
    private static final int SIGNATURE_BYTES = 64;

    private DiscordSignatureVerifier() {
    }

    /** What the check found. */
    public enum Verdict {
        VALID, STALE, BAD_SIGNATURE
    }

    /** The verdict for a request; {@code nowEpochSeconds} is our clock. Null or malformed inputs are a bad signature. */
    public static Verdict verify(String publicKeyHex, String timestamp, byte[] rawBody, String signatureHex,
            long nowEpochSeconds) {
        if (publicKeyHex == null || timestamp == null || rawBody == null || signatureHex == null
                || !timestamp.matches("[0-9]{1,12}")) {
            return Verdict.BAD_SIGNATURE;
        }
        byte[] signature = hex(signatureHex, SIGNATURE_BYTES);
        PublicKey key = publicKey(publicKeyHex);
        if (signature == null || key == null || !verifies(key, timestamp, rawBody, signature)) {
            return Verdict.BAD_SIGNATURE;
        }
        long sent = Long.parseLong(timestamp);
        return Math.abs(nowEpochSeconds - sent) > WINDOW_SECONDS ? Verdict.STALE : Verdict.VALID;
    }

    /** The application's public key from its 64 hex digits; null when it is not an Ed25519 key. */
    static PublicKey publicKey(String hex) {
        byte[] raw = hex(hex, KEY_BYTES);
        if (raw == null) {
            return null;
        }
        byte[] encoded = new byte[X509_PREFIX.length + KEY_BYTES];
        System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, KEY_BYTES);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private static boolean verifies(PublicKey key, String timestamp, byte[] rawBody, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            verifier.update(rawBody);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // A signature the provider cannot even decode (e.g. a non-canonical point) is a bad one.
            return false;
        }
    }

    /** Exactly {@code bytes} bytes of ASCII hex (either case); null otherwise. */
    private static byte[] hex(String text, int bytes) {
        if (text.length() != 2 * bytes || !text.chars()
                .allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
            return null;
        }
        return HexFormat.of().parseHex(text);
    }
}
