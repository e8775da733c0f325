package ai.aleff.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class RecoveryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theThresholdIsThreeTimesTheMedianBeforeTheFaultBetweenTwoAndTenSeconds() {
        List<MarkerResult> fast = List.of(answered(0, 200), answered(1, 300), answered(2, 400));
        List<MarkerResult> slow = List.of(answered(0, 900), answered(1, 1000), answered(2, 5000));
        List<MarkerResult> cold = List.of(answered(0, 40_000), answered(1, 43_000), answered(2, 45_000));

        assertThat(Recovery.threshold(fast, T0.plusSeconds(10))).isEqualTo(Duration.ofSeconds(2));
        assertThat(Recovery.threshold(slow, T0.plusSeconds(10))).isEqualTo(Duration.ofSeconds(3));
        assertThat(Recovery.threshold(cold, T0.plusSeconds(10))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void recoveryEndsWhenTheBacklogIsAnsweredAndNewMessagesAreFastFromThenOn() {
        // Given the fault ended at 10 s; a message from 5 s was answered at 14 s; new messages were slow until 13 s
        Instant faultEnd = T0.plusSeconds(10);
        List<MarkerResult> results = List.of(answered(5, 9_000), answered(11, 6_000), answered(12, 500),
                answered(13, 500), answered(16, 400));

        // When recovery is measured with a two-second threshold
        // Then it is the backlog's last reply (14 s) after the end: the 12 s message was already fast
        assertThat(Recovery.after(results, faultEnd, Duration.ofSeconds(2))).contains(Duration.ofSeconds(4));
    }

    @Test
    void recoveryIsWhenNewMessagesTurnFastIfTheBacklogClearedEarlier() {
        Instant faultEnd = T0.plusSeconds(10);
        List<MarkerResult> results = List.of(answered(9, 1_500), answered(10, 8_000), answered(15, 9_000),
                answered(20, 500), answered(21, 500));

        assertThat(Recovery.after(results, faultEnd, Duration.ofSeconds(2))).contains(Duration.ofSeconds(10));
    }

    @Test
    void thereIsNoRecoveryWhileTheLastMessagesAreSlowOrFailed() {
        Instant faultEnd = T0.plusSeconds(10);
        MarkerResult failed = new MarkerResult("f", T0.plusSeconds(12), true, 1, 1, true, Duration.ofMillis(100),
                true, 202);

        assertThat(Recovery.after(List.of(answered(11, 300), failed), faultEnd, Duration.ofSeconds(2))).isEmpty();
        assertThat(Recovery.after(List.of(answered(11, 300), answered(12, 9_000)), faultEnd, Duration.ofSeconds(2)))
                .isEmpty();
    }

    private static MarkerResult answered(int sentSecond, long latencyMillis) {
        return new MarkerResult("m" + sentSecond, T0.plusSeconds(sentSecond), true, 1, 1, false,
                Duration.ofMillis(latencyMillis), true, 202);
    }
}
