package ai.aleff.testkit.channels;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * A Discord application's key pair for tests: a fresh Ed25519 pair from the JDK, its public half as the 64 hex
 * digits the Developer Portal shows, and the headers Discord sends with an interaction
 * ({@code X-Signature-Ed25519} over {@code X-Signature-Timestamp + body}).
 */
public final class DiscordKeys {

    private final KeyPair pair;

    private DiscordKeys(KeyPair pair) {
        this.pair = pair;
    }

    public static DiscordKeys generate() {
        try {
            return new DiscordKeys(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    /** The raw 32-byte public key in hex (the last 32 bytes of its X.509 encoding). */
    public String publicKeyHex() {
        byte[] encoded = pair.getPublic().getEncoded();
        return HexFormat.of().formatHex(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
    }

    /** The hex signature of {@code timestamp + body}. */
    public String sign(String timestamp, byte[] body) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(pair.getPrivate());
            signer.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            signer.update(body);
            return HexFormat.of().formatHex(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** The headers of {@code body} signed now plus {@code offsetSeconds}, with the JSON content type. */
    public Map<String, String> headers(String body, long offsetSeconds) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond() + offsetSeconds);
        return Map.of("X-Signature-Ed25519", sign(timestamp, body.getBytes(StandardCharsets.UTF_8)),
                "X-Signature-Timestamp", timestamp, "Content-Type", "application/json");
    }

    /** The headers of {@code body} signed now. */
    public Map<String, String> headers(String body) {
        return headers(body, 0);
    }
}
