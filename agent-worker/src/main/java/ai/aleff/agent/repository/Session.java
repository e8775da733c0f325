package ai.aleff.agent.repository;

/**
 * A conversation's current session.
 *
 * @param number 1 for a conversation never reset, +1 per /reset
 * @param historyAfterSeq history entries with a higher seq belong to the session
 * @param turnsAfterArrival turns with a higher arrival belong to the session
 */
public record Session(int number, long historyAfterSeq, long turnsAfterArrival) {

    public static final Session FIRST = new Session(1, 0, 0);
}
