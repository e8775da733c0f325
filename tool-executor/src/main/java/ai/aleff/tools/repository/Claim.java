package ai.aleff.tools.repository;

/** The answer to claiming a call by its idempotency key. */
public sealed interface Claim {

    /** This run owns the call and must run it, then record its outcome with {@link CallTicket}. */
    record Owned(CallTicket ticket) implements Claim {
    }

    /** The call finished before; this is its stored outcome. */
    record Done(StoredOutcome outcome) implements Claim {
    }

    /** Another run holds a live claim on the call; its outcome is not there yet. */
    record Busy() implements Claim {
    }
}
