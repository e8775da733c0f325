package ai.aleff.bench.faults;

/**
 * How much load a scenario runs and when its fault comes, counted in messages (the load runs at a steady rate, so
 * counts are time).
 *
 * @param faultAfter messages sent before the fault (the baseline)
 * @param perPhase messages sent during each phase of the fault
 * @param afterHeal messages sent once the fault has ended (the recovery window)
 * @param drainSeconds how long to wait for the last replies and audit records after the load
 */
public record LoadProfile(int conversations, double perSecond, int faultAfter, int perPhase, int afterHeal,
        int drainSeconds) {

    /** The bound the load never exceeds, whatever the restarts take. */
    public int maxMessages() {
        return faultAfter + perPhase * 3 + afterHeal + (int) (perSecond * 300);
    }

    /** The short version run by the test suite: a few minutes on a laptop. */
    public static LoadProfile quick() {
        return new LoadProfile(3, 3, 15, 15, 120, 150);
    }

    /** The documented full run ({@code ./aleff faults}). */
    public static LoadProfile full() {
        return new LoadProfile(6, 4, 40, 40, 180, 180);
    }
}
