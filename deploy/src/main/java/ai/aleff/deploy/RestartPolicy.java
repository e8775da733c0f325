package ai.aleff.deploy;

import java.time.Duration;

/**
 * How the launcher restarts a process that exits on its own (a crash, an OOM kill), never one it stopped itself.
 *
 * @param firstDelay the wait before the first restart; it doubles with each quick failure in a row
 * @param maxDelay the longest wait between two restarts
 * @param stableAfter a process that stayed up this long counts as healthy: the next exit starts the count afresh
 * @param maxQuickFailures how many quick failures in a row (each within {@code stableAfter} of its start) are
 *            restarted; one more and the launcher gives up on that process. 0 turns restarts off.
 */
public record RestartPolicy(Duration firstDelay, Duration maxDelay, Duration stableAfter, int maxQuickFailures) {

    /** {@code ./aleff run}'s default: 1 s doubling to 30 s, healthy after a minute, six quick failures. */
    public static final RestartPolicy DEFAULT = new RestartPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofSeconds(60), 6);

    /** Nothing is restarted: a process that exits stays down (tests and benchmarks that kill on purpose). */
    public static final RestartPolicy NEVER = DEFAULT.withMaxQuickFailures(0);

    public RestartPolicy {
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0 || stableAfter.isNegative()
                || maxQuickFailures < 0) {
            throw new IllegalArgumentException("Invalid restart policy " + firstDelay + "/" + maxDelay + "/"
                    + stableAfter + "/" + maxQuickFailures);
        }
    }

    public RestartPolicy withMaxQuickFailures(int count) {
        return new RestartPolicy(firstDelay, maxDelay, stableAfter, count);
    }

    public boolean restarts() {
        return maxQuickFailures > 0;
    }

    /** The state of one supervised process: a fresh count. */
    public RestartBackoff newBackoff() {
        return new RestartBackoff(this);
    }
}
