package ai.aleff.bench.load;

import java.time.Duration;

/** Polling pauses of the benchmark's bounded wait loops. */
final class Sleeper {

    private Sleeper() {
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
