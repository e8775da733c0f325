package ai.aleff.ingress.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import ai.aleff.ingress.slack.SlackSignatureVerifier.Verdict;

class SlackSignatureVerifierTest {

    // Slack's official example (docs.slack.dev, "Verifying requests from Slack").
    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
            + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447"
            + "fce8b6703c").getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static final long NOW = 1531420618;

    @Test
    void slacksOfficialVectorVerifies() {
        // Given Slack's example request; When it is checked at its own time; Then it is valid
        assertThat(SlackSignatureVerifier.sign(SECRET, TIMESTAMP, BODY)).isEqualTo(SIGNATURE);
        assertThat(SlackSignatureVerifier.verify(SECRET, TIMESTAMP, BODY, SIGNATURE, NOW)).isEqualTo(Verdict.VALID);
        // And upper-case hex is the same digest
        assertThat(SlackSignatureVerifier.verify(SECRET, TIMESTAMP, BODY, "v0=" + SIGNATURE.substring(3)
                .toUpperCase(java.util.Locale.ROOT), NOW)).isEqualTo(Verdict.VALID);
    }

    @Test
    void aReplayOutsideFiveMinutesIsStaleAndInsideIsValid() {
        assertThat(SlackSignatureVerifier.verify(SECRET, TIMESTAMP, BODY, SIGNATURE, NOW + 300))
                .isEqualTo(Verdict.VALID);
        assertThat(SlackSignatureVerifier.verify(SECRET, TIMESTAMP, BODY, SIGNATURE, NOW + 301))
                .isEqualTo(Verdict.STALE);
        assertThat(SlackSignatureVerifier.verify(SECRET, TIMESTAMP, BODY, SIGNATURE, NOW - 301))
                .isEqualTo(Verdict.STALE);
    }

    @Test
    void anyChangeOrMalformedHeaderIsABadSignature() {
        byte[] changed = BODY.clone();
        changed[0] = 'T';
        assertThat(SlackSignatureVerifier.verify(SECRET, TIMESTAMP, changed, SIGNATURE, NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        // A different timestamp is part of what is signed
        assertThat(SlackSignatureVerifier.verify(SECRET, "1531420619", BODY, SIGNATURE, NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(SlackSignatureVerifier.verify("wrong" + SECRET, TIMESTAMP, BODY, SIGNATURE, NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
        for (String header : new String[]{"", "v0=", "v1=" + SIGNATURE.substring(3), SIGNATURE + "00",
                SIGNATURE.substring(0, SIGNATURE.length() - 1) + "\uff10", "sha256=" + SIGNATURE.substring(3)}) {
            assertThat(SlackSignatureVerifier.verify(SECRET, TIMESTAMP, BODY, header, NOW)).as(header)
                    .isEqualTo(Verdict.BAD_SIGNATURE);
        }
        for (String timestamp : new String[]{"", "-1", "1e9", "１５３１４２０６１８", "9".repeat(40)}) {
            assertThat(SlackSignatureVerifier.verify(SECRET, timestamp, BODY, SIGNATURE, NOW)).as(timestamp)
                    .isEqualTo(Verdict.BAD_SIGNATURE);
        }
        assertThat(SlackSignatureVerifier.verify(null, TIMESTAMP, BODY, SIGNATURE, NOW))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }
}
