package ai.aleff.platform.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class RetryPolicyTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void backoffDoublesFromTheFirstWaitUpToTheCap() {
        RetryPolicy policy = RetryPolicy.of(3, Duration.ofMillis(200), Duration.ofSeconds(1));

        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(policy.backoff(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(500)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void failingWorkRunsOncePlusTheRetriesThenFails() {
        // Given work that always fails and a policy of two retries
        AtomicInteger attempts = new AtomicInteger();
        RetryPolicy policy = RetryPolicy.of(2, Duration.ofMillis(1), Duration.ofMillis(1));

        // When it runs
        Uni<Void> run = policy.run(() -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new IllegalStateException("boom"));
        }, () -> false, "test work");

        // Then it ran three times and the last failure is the outcome
        assertThatThrownBy(() -> run.await().atMost(WAIT)).hasMessage("boom");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void failuresRetriedUntilGoneDoNotCountAgainstTheRetries() {
        // Given work that fails five times as "database down", then once unexpectedly, then passes
        AtomicInteger attempts = new AtomicInteger();
        RetryPolicy policy = RetryPolicy.of(1, Duration.ofMillis(1), Duration.ofMillis(1))
                .retryingUntilGone(error -> error instanceof IllegalStateException);

        // When it runs
        String outcome = policy.<String>run(() -> {
            int attempt = attempts.incrementAndGet();
            if (attempt <= 5) {
                return Uni.createFrom().failure(new IllegalStateException("database down"));
            }
            if (attempt == 6) {
                return Uni.createFrom().failure(new IllegalArgumentException("unexpected"));
            }
            return Uni.createFrom().item("done");
        }, () -> false, "test work").await().atMost(WAIT);

        // Then it passed on the seventh attempt
        assertThat(outcome).isEqualTo("done");
        assertThat(attempts).hasValue(7);
    }

    @Test
    void nothingIsRetriedWhileTheServiceStops() {
        // Given a stopping service and a policy with retries left
        AtomicInteger attempts = new AtomicInteger();
        RetryPolicy policy = RetryPolicy.of(5, Duration.ofMillis(1), Duration.ofMillis(1));

        // When the work fails
        Uni<Void> run = policy.run(() -> {
            attempts.incrementAndGet();
            return Uni.createFrom().failure(new IllegalStateException("pool closed"));
        }, () -> true, "test work");

        // Then it is not tried again
        assertThatThrownBy(() -> run.await().atMost(WAIT)).hasMessage("pool closed");
        assertThat(attempts).hasValue(1);
    }
}
