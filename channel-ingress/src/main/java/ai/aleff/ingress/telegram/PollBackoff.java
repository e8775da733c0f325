package ai.aleff.ingress.telegram;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits after errors in a row: doubling from {@code first} up to {@code max}, each wait drawn between half and all
 * of its step (jitter), so many bots failing together do not retry in step.
 */
final class PollBackoff {

    private final Duration first;
    private final Duration max;
    private int failures;

    PollBackoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    Duration next() {
        long step = first.toMillis() << Math.min(failures, 30);
        failures++;
        long bounded = Math.max(1, Math.min(step, max.toMillis()));
        return Duration.ofMillis(bounded / 2 + ThreadLocalRandom.current().nextLong(bounded / 2 + 1));
    }

    void reset() {
        failures = 0;
    }
}
