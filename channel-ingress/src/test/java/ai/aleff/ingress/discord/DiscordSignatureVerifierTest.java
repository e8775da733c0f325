package ai.aleff.ingress.discord;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import ai.aleff.ingress.discord.DiscordSignatureVerifier.Verdict;

class DiscordSignatureVerifierTest {

    /** RFC 8032 section 7.1, TEST 1: the public key of secret 9d61b19d...7f60. */
    private static final String RFC_PUBLIC_KEY = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String TIMESTAMP = "1700000000";
    private static final byte[] PING = "{\"type\":1}".getBytes(StandardCharsets.UTF_8);
    /** That key's signature of "1700000000" + {"type":1} (docs: reference/channels.md, Discord). */
    private static final String PING_SIGNATURE = "1695961a47c91a1ec033b819b7e87e3dbc583dd0cee6d1fd0216f58ac87b6228"
            + "ae531ddbf91fb7bc28d7edf7f08604da16f54624f38a6bc0614e4dc13cd47f0f";
    private static final long NOW = 1_700_000_060L;

    @Test
    void theReferenceVectorVerifies() {
        // When the vector's PING is checked with the RFC 8032 key, one minute after it was signed
        // Then it is valid, whatever the case of the hex digits
        assertThat(DiscordSignatureVerifier.verify(RFC_PUBLIC_KEY, TIMESTAMP, PING, PING_SIGNATURE, NOW))
                .isEqualTo(Verdict.VALID);
        assertThat(DiscordSignatureVerifier.verify(RFC_PUBLIC_KEY.toUpperCase(), TIMESTAMP, PING,
                PING_SIGNATURE.toUpperCase(), NOW)).isEqualTo(Verdict.VALID);
    }

    @Test
    void aTamperedBodyTimestampOrSignatureIsRefused() {
        // Given the vector with one byte of the body changed, the timestamp moved by one, a flipped signature bit
        byte[] body = Arrays.copyOf(PING, PING.length);
        body[body.length - 2] = '2';
        char[] flipped = PING_SIGNATURE.toCharArray();
        flipped[10] = flipped[10] == '0' ? '1' : '0';
        // Then each is a bad signature
        assertThat(DiscordSignatureVerifier.verify(RFC_PUBLIC_KEY, TIMESTAMP, body, PING_SIGNATURE, NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(DiscordSignatureVerifier.verify(RFC_PUBLIC_KEY, "1700000001", PING, PING_SIGNATURE, NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(DiscordSignatureVerifier.verify(RFC_PUBLIC_KEY, TIMESTAMP, PING, new String(flipped), NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        // And a body with a trailing newline (re-serialised JSON would differ the same way)
        assertThat(DiscordSignatureVerifier.verify(RFC_PUBLIC_KEY, TIMESTAMP,
                "{\"type\":1}\n".getBytes(StandardCharsets.UTF_8), PING_SIGNATURE, NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void malformedHeadersAndKeysAreBadSignaturesNotErrors() {
        // Then a short, non-hex, empty or missing signature, a non-numeric timestamp and a bad key are refused
        assertThat(DiscordSignatureVerifier.verify(RFC_PUBLIC_KEY, TIMESTAMP, PING, PING_SIGNATURE.substring(2),
                NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(DiscordSignatureVerifier.verify(RFC_PUBLIC_KEY, TIMESTAMP, PING,
                "zz" + PING_SIGNATURE.substring(2), NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(DiscordSignatureVerifier.verify(RFC_PUBLIC_KEY, TIMESTAMP, PING, "", NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(DiscordSignatureVerifier.verify(RFC_PUBLIC_KEY, TIMESTAMP, PING, null, NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(DiscordSignatureVerifier.verify(RFC_PUBLIC_KEY, "17e8", PING, PING_SIGNATURE, NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(DiscordSignatureVerifier.verify(RFC_PUBLIC_KEY.substring(2), TIMESTAMP, PING, PING_SIGNATURE,
                NOW)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(DiscordSignatureVerifier.verify("00".repeat(32), TIMESTAMP, PING, PING_SIGNATURE, NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void aValidSignatureOutsideTheReplayWindowIsStale() {
        // When the vector is checked six minutes after (or before) its timestamp
        // Then it is stale, not valid
        assertThat(DiscordSignatureVerifier.verify(RFC_PUBLIC_KEY, TIMESTAMP, PING, PING_SIGNATURE,
                1_700_000_000L + 360)).isEqualTo(Verdict.STALE);
        assertThat(DiscordSignatureVerifier.verify(RFC_PUBLIC_KEY, TIMESTAMP, PING, PING_SIGNATURE,
                1_700_000_000L - 360)).isEqualTo(Verdict.STALE);
        // And exactly at the window's edge it still verifies
        assertThat(DiscordSignatureVerifier.verify(RFC_PUBLIC_KEY, TIMESTAMP, PING, PING_SIGNATURE,
                1_700_000_000L + DiscordSignatureVerifier.WINDOW_SECONDS)).isEqualTo(Verdict.VALID);
    }

    @Test
    void aFreshKeyPairsSignatureVerifiesOnlyWithItsOwnPublicKey() throws Exception {
        // Given two generated Ed25519 key pairs and a body signed with the first
        KeyPair ours = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] body = "{\"type\":2,\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(ours.getPrivate());
        signer.update(("1700000030").getBytes(StandardCharsets.US_ASCII));
        signer.update(body);
        String signature = HexFormat.of().formatHex(signer.sign());
        // Then the raw public key (the last 32 bytes of its X.509 form) verifies it and the other key does not
        assertThat(DiscordSignatureVerifier.verify(raw(ours), "1700000030", body, signature, NOW))
                .isEqualTo(Verdict.VALID);
        assertThat(DiscordSignatureVerifier.verify(raw(other), "1700000030", body, signature, NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    private static String raw(KeyPair pair) {
        byte[] encoded = pair.getPublic().getEncoded();
        return HexFormat.of().formatHex(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
    }
}
