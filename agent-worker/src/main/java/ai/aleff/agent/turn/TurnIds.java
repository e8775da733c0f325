package ai.aleff.agent.turn;

import ai.aleff.platform.events.DeterministicIds;

/**
 * Deterministic ids for everything a turn emits: redoing a step after a redelivery or a crash produces the same ids,
 * so consumers deduplicate the repeat.
 */
public final class TurnIds {

    private TurnIds() {
    }

    /** Also the call's idempotency key: the same turn step always asks for the same call. */
    public static String callId(String turnId, int iteration, int index) {
        return turnId + ":" + iteration + ":" + index;
    }

    /** The child turn that runs a delegated call: one per call, the same after a redo. */
    public static String childTurnId(String parentCallId) {
        return nameBased("child:" + parentCallId);
    }

    public static String replyId(String turnId) {
        return nameBased("reply:" + turnId);
    }

    private static String nameBased(String name) {
        return DeterministicIds.of(name);
    }
}
