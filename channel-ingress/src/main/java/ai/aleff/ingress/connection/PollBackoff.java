package ai.aleff.ingress.connection;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits after errors in a row: doubling from {@code first} up to {@code max}, each wait drawn between half and all
 * of its step (jitter), so many bots failing together do not retry in step. Shared by the loops that hold a
 * connection to a platform (Telegram polling, Slack Socket Mode); one instance per loop, not thread-safe.
 */
public final class PollBackoff {

    private final Duration first;
    private final Duration max;
    private int failures;

    public PollBackoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    public Duration next() {
        long step = first.toMillis() << Math.min(failures, 30);
        failures++;
        long bounded = Math.max(1, Math.min(step, max.toMillis()));
        return Duration.ofMillis(bounded / 2 + ThreadLocalRandom.current().nextLong(bounded / 2 + 1));
    }

    public void reset() {
        failures = 0;
    }
}
