package ai.aleff.ingress.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class PollBackoffTest {

    @Test
    void waitsDoubleWithJitterUpToTheMaximumAndStartOverAfterASuccess() {
        // Given a backoff from 1 s to 8 s
        PollBackoff backoff = new PollBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8));

        // When errors follow each other, Then each wait lies between half and all of its doubling step, capped
        long[] steps = {1000, 2000, 4000, 8000, 8000, 8000};
        for (long step : steps) {
            assertThat(backoff.next().toMillis()).isBetween(step / 2, step);
        }

        // And after a success the next wait is short again
        backoff.reset();
        assertThat(backoff.next().toMillis()).isBetween(500L, 1000L);
    }
}
