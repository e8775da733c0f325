package ai.aleff.ingress.whatsapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class WhatsAppHandshakeTest {

    @Test
    void matchingTokenEchoesTheChallenge() {
        // Given Meta's subscribe handshake with the right token; Then the challenge is echoed
        assertEquals(Optional.of("1158201444"),
                WhatsAppHandshake.challengeToEcho("vt", "subscribe", "vt", "1158201444"));
    }

    @Test
    void wrongTokenOrModeEchoesNothing() {
        // Given a wrong token, a missing token or another mode; Then nothing is echoed (403)
        assertTrue(WhatsAppHandshake.challengeToEcho("vt", "subscribe", "vx", "1").isEmpty());
        assertTrue(WhatsAppHandshake.challengeToEcho("vt", "subscribe", null, "1").isEmpty());
        assertTrue(WhatsAppHandshake.challengeToEcho("vt", "unsubscribe", "vt", "1").isEmpty());
        assertTrue(WhatsAppHandshake.challengeToEcho("vt", null, "vt", "1").isEmpty());
        assertTrue(WhatsAppHandshake.challengeToEcho("", "subscribe", "", "1").isEmpty());
    }

    @Test
    void hostileChallengeIsNotReflected() {
        // Given the right token but a challenge carrying markup, spaces, nothing or too many characters
        // Then nothing is echoed
        assertTrue(WhatsAppHandshake.challengeToEcho("vt", "subscribe", "vt", "<script>alert(1)</script>").isEmpty());
        assertTrue(WhatsAppHandshake.challengeToEcho("vt", "subscribe", "vt", "a b").isEmpty());
        assertTrue(WhatsAppHandshake.challengeToEcho("vt", "subscribe", "vt", "").isEmpty());
        assertTrue(WhatsAppHandshake.challengeToEcho("vt", "subscribe", "vt", null).isEmpty());
        assertTrue(WhatsAppHandshake.challengeToEcho("vt", "subscribe", "vt", "1".repeat(129)).isEmpty());
    }
}
