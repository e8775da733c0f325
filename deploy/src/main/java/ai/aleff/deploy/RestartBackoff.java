package ai.aleff.deploy;

import java.time.Duration;

/**
 * The restart count of one supervised process: after each exit, whether to start it again and after how long. Not
 * thread-safe; one supervisor thread owns it.
 */
public final class RestartBackoff {

    private final RestartPolicy policy;
    private int quickFailures;
    private int restarts;

    RestartBackoff(RestartPolicy policy) {
        this.policy = policy;
    }

    /** What to do after an exit (or a failed start) of a process that had been up for {@code uptime}. */
    public Decision onExit(Duration uptime) {
        if (uptime.compareTo(policy.stableAfter()) >= 0) {
            quickFailures = 0;
        }
        quickFailures++;
        if (quickFailures > policy.maxQuickFailures()) {
            return new Decision(false, Duration.ZERO, restarts, quickFailures);
        }
        restarts++;
        return new Decision(true, delay(quickFailures), restarts, quickFailures);
    }

    private Duration delay(int failureInARow) {
        // Doubling from firstDelay; the shift is bounded so that a long run of failures cannot overflow.
        long millis = policy.firstDelay().toMillis() << Math.min(failureInARow - 1, 30);
        return Duration.ofMillis(Math.min(millis, policy.maxDelay().toMillis()));
    }

    /**
     * @param restart whether to start the process again
     * @param delay how long to wait first
     * @param restartNumber how many restarts this process has had, this one included
     * @param quickFailures quick failures in a row, this one included
     */
    public record Decision(boolean restart, Duration delay, int restartNumber, int quickFailures) {
    }
}
