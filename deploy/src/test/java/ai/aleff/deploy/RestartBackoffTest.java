package ai.aleff.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RestartBackoffTest {

    private static final Duration QUICK = Duration.ofSeconds(2);
    private static final Duration STABLE = Duration.ofMinutes(5);

    @Test
    void quickFailuresWaitOneSecondDoublingUpToThirtySeconds() {
        // Given the default policy with room for many quick failures
        RestartBackoff backoff = RestartPolicy.DEFAULT.withMaxQuickFailures(8).newBackoff();

        // When a process fails quickly eight times in a row
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            delays.add(backoff.onExit(QUICK).delay().toSeconds());
        }

        // Then the waits double from 1 s and stop growing at 30 s
        assertThat(delays).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void givesUpOnTheFailureAfterTheConfiguredNumberOfQuickFailuresInARow() {
        // Given a policy of three quick failures
        RestartBackoff backoff = RestartPolicy.DEFAULT.withMaxQuickFailures(3).newBackoff();

        // When the process fails quickly three times, it is restarted each time, numbered
        for (int restart = 1; restart <= 3; restart++) {
            RestartBackoff.Decision decision = backoff.onExit(QUICK);
            assertThat(decision.restart()).isTrue();
            assertThat(decision.restartNumber()).isEqualTo(restart);
            assertThat(decision.quickFailures()).isEqualTo(restart);
        }

        // Then the fourth quick failure is not restarted
        RestartBackoff.Decision fourth = backoff.onExit(QUICK);
        assertThat(fourth.restart()).isFalse();
        assertThat(fourth.quickFailures()).isEqualTo(4);
        assertThat(fourth.restartNumber()).isEqualTo(3);
    }

    @Test
    void aProcessThatStayedUpLongEnoughStartsTheCountAndTheDelayAfresh() {
        // Given a policy of three quick failures that has already seen three
        RestartBackoff backoff = RestartPolicy.DEFAULT.withMaxQuickFailures(3).newBackoff();
        for (int i = 0; i < 3; i++) {
            backoff.onExit(QUICK);
        }

        // When the last restart stayed up for longer than the stable time, then exits
        RestartBackoff.Decision afterStableRun = backoff.onExit(STABLE);

        // Then it is restarted after the first delay again, counted as the first quick failure, restart number 4
        assertThat(afterStableRun.restart()).isTrue();
        assertThat(afterStableRun.delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(afterStableRun.quickFailures()).isEqualTo(1);
        assertThat(afterStableRun.restartNumber()).isEqualTo(4);
    }

    @Test
    void aPolicyOfZeroNeverRestarts() {
        // Given restarts turned off
        RestartBackoff backoff = RestartPolicy.NEVER.newBackoff();

        // Then even the first exit of a long-running process is not restarted
        assertThat(RestartPolicy.NEVER.restarts()).isFalse();
        assertThat(backoff.onExit(STABLE).restart()).isFalse();
    }

    @Test
    void aVeryLongRunOfFailuresKeepsTheMaximumDelayWithoutOverflowing() {
        // Given a policy that allows a thousand quick failures
        RestartBackoff backoff = RestartPolicy.DEFAULT.withMaxQuickFailures(1000).newBackoff();

        // When the process fails a hundred times
        RestartBackoff.Decision last = null;
        for (int i = 0; i < 100; i++) {
            last = backoff.onExit(QUICK);
        }

        // Then the wait is still the maximum, not a wrapped-around number
        assertThat(last.delay()).isEqualTo(Duration.ofSeconds(30));
    }
}
