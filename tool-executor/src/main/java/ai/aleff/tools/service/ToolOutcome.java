package ai.aleff.tools.service;

import java.time.Instant;

/**
 * What one tool run produced: a result or an error, never both.
 *
 * @param result the tool output, or null on error
 * @param error a short cause for the model, or null on success
 * @param completedAt when the run finished
 */
public record ToolOutcome(String result, String error, Instant completedAt) {

    public static ToolOutcome ok(String result) {
        return new ToolOutcome(result, null, Instant.now());
    }

    public static ToolOutcome error(String error) {
        return new ToolOutcome(null, error, Instant.now());
    }

    public boolean ok() {
        return error == null;
    }
}
