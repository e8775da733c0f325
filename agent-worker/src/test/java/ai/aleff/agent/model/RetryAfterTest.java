package ai.aleff.agent.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:15:30Z"));

    @Test
    void delaySecondsAreADuration() {
        assertThat(RetryAfter.parse("7", clock)).contains(Duration.ofSeconds(7));
    }

    @Test
    void httpDateIsTheTimeUntilThatDate() {
        assertThat(RetryAfter.parse("Tue, 24 Nov 2026 10:16:00 GMT", clock)).contains(Duration.ofSeconds(30));
    }

    @Test
    void pastDateMeansRetryNow() {
        assertThat(RetryAfter.parse("Tue, 24 Nov 2026 10:00:00 GMT", clock)).contains(Duration.ZERO);
    }

    @Test
    void garbageOrNegativeIsIgnored() {
        assertThat(RetryAfter.parse("soon", clock)).isEmpty();
        assertThat(RetryAfter.parse("-3", clock)).isEmpty();
        assertThat(RetryAfter.parse(null, clock)).isEmpty();
    }
}
