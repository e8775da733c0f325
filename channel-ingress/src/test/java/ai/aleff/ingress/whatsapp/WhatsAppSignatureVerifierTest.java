package ai.aleff.ingress.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class WhatsAppSignatureVerifierTest {

    private static final String VECTOR = "sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914";
    private static final byte[] TEST = "test".getBytes(StandardCharsets.UTF_8);

    @Test
    void publishedVectorVerifies() {
        // Given key "secret" and body "test" (channels.md vector); When verified; Then it matches
        assertTrue(WhatsAppSignatureVerifier.matches("secret", TEST, VECTOR));
        assertEquals(VECTOR, WhatsAppSignatureVerifier.sign("secret", TEST));
    }

    @Test
    void upperCaseHexIsAcceptedBecauseHexIsCaseInsensitive() {
        // Given the vector with upper-case digits but the lower-case prefix; Then it matches
        String upper = "sha256=" + VECTOR.substring(7).toUpperCase(Locale.ROOT);
        assertTrue(WhatsAppSignatureVerifier.matches("secret", TEST, upper));
    }

    @Test
    void signatureOverRawNonAsciiBytesVerifiesOnlyOnThoseBytes() {
        // Given a body with Meta's escaped unicode; When signed in the test and verified on the same bytes
        byte[] escaped = "{\"text\":\"\\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        byte[] reserialised = "{\"text\":\"é\"}".getBytes(StandardCharsets.UTF_8);
        String header = WhatsAppSignatureVerifier.sign("app-secret", escaped);
        // Then it matches the raw bytes and not the re-serialised JSON
        assertTrue(WhatsAppSignatureVerifier.matches("app-secret", escaped, header));
        assertFalse(WhatsAppSignatureVerifier.matches("app-secret", reserialised, header));
    }

    @Test
    void malformedHeadersAreRefused() {
        // Given the vector's body; When the header is mangled; Then it never matches
        String hex = VECTOR.substring(7);
        assertFalse(WhatsAppSignatureVerifier.matches("secret", TEST, null));
        assertFalse(WhatsAppSignatureVerifier.matches("secret", TEST, ""));
        assertFalse(WhatsAppSignatureVerifier.matches("secret", TEST, hex), "missing prefix");
        assertFalse(WhatsAppSignatureVerifier.matches("secret", TEST, "SHA256=" + hex), "prefix case");
        assertFalse(WhatsAppSignatureVerifier.matches("secret", TEST, "sha1=" + hex), "other algorithm");
        assertFalse(WhatsAppSignatureVerifier.matches("secret", TEST, VECTOR.substring(0, VECTOR.length() - 2)));
        assertFalse(WhatsAppSignatureVerifier.matches("secret", TEST, VECTOR + "00"), "too long");
        assertFalse(WhatsAppSignatureVerifier.matches("secret", TEST, VECTOR.substring(0, 70) + "zz"), "non-hex");
        assertFalse(WhatsAppSignatureVerifier.matches("secret", TEST, " " + VECTOR), "leading space");
        // Full-width digits are Character.digit-valid but not ASCII hex
        assertFalse(WhatsAppSignatureVerifier.matches("secret", TEST, VECTOR.substring(0, 70) + "\uFF10\uFF10"));
    }

    @Test
    void wrongSecretOrTamperedBodyIsRefused() {
        // Given a valid signature; When the secret or one body byte differs; Then it does not match
        assertFalse(WhatsAppSignatureVerifier.matches("secreT", TEST, VECTOR));
        assertFalse(WhatsAppSignatureVerifier.matches("secret", "tesT".getBytes(StandardCharsets.UTF_8), VECTOR));
        assertFalse(WhatsAppSignatureVerifier.matches("", TEST, VECTOR));
        assertFalse(WhatsAppSignatureVerifier.matches(null, TEST, VECTOR));
    }
}
