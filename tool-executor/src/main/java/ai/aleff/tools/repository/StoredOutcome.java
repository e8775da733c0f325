package ai.aleff.tools.repository;

import java.time.Instant;

/**
 * A call's outcome as the idempotency store keeps it: a result or an error, never both.
 *
 * @param result the tool output, or null on error
 * @param error a short cause for the model, or null on success
 * @param completedAt when the run finished
 */
public record StoredOutcome(String result, String error, Instant completedAt) {

    public boolean ok() {
        return error == null;
    }
}
