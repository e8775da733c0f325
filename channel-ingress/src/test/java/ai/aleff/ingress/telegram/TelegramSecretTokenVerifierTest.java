package ai.aleff.ingress.telegram;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TelegramSecretTokenVerifierTest {

    @Test
    void matchingSecretIsAccepted() {
        // Given the connection's secret; When the header carries it; Then it matches
        assertTrue(TelegramSecretTokenVerifier.matches("abc_DEF-123", "abc_DEF-123"));
    }

    @Test
    void wrongMissingOrPrefixSecretIsRefused() {
        // Given the connection's secret; When the header is wrong, missing, a prefix, longer or differs in case
        // Then it does not match
        assertFalse(TelegramSecretTokenVerifier.matches("abc_DEF-123", "abc_DEF-124"));
        assertFalse(TelegramSecretTokenVerifier.matches("abc_DEF-123", null));
        assertFalse(TelegramSecretTokenVerifier.matches("abc_DEF-123", ""));
        assertFalse(TelegramSecretTokenVerifier.matches("abc_DEF-123", "abc_DEF-12"));
        assertFalse(TelegramSecretTokenVerifier.matches("abc_DEF-123", "abc_DEF-1234"));
        assertFalse(TelegramSecretTokenVerifier.matches("abc_DEF-123", "ABC_DEF-123"));
    }

    @Test
    void connectionWithoutSecretAcceptsNothing() {
        // Given no configured secret; When any header (even empty) arrives; Then it is refused
        assertFalse(TelegramSecretTokenVerifier.matches(null, ""));
        assertFalse(TelegramSecretTokenVerifier.matches("", ""));
    }
}
