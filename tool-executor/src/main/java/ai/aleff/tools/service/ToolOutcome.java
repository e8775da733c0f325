package ai.aleff.tools.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What one tool run produced: a result or an error, never both. Normalised to what PostgreSQL stores exactly (no NUL
 * characters, microsecond time), so an outcome read back from the idempotency store equals the one first published.
 *
 * @param result the tool output, or null on error
 * @param error a short cause for the model, or null on success
 * @param completedAt when the run finished
 */
public record ToolOutcome(String result, String error, Instant completedAt) {

    public ToolOutcome {
        result = storable(result);
        error = storable(error);
        completedAt = completedAt.truncatedTo(ChronoUnit.MICROS);
    }

    public static ToolOutcome ok(String result) {
        return new ToolOutcome(result == null ? "" : result, null, Instant.now());
    }

    public static ToolOutcome error(String error) {
        return new ToolOutcome(null, error, Instant.now());
    }

    public boolean ok() {
        return error == null;
    }

    /** PostgreSQL text cannot hold NUL; a tool name or argument echoed in a message may contain one. */
    static String storable(String text) {
        return text == null ? null : text.replace('\u0000', '\uFFFD');
    }
}
