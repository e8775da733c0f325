package ai.aleff.contracts.events;

import java.time.Instant;

/**
 * The outcome of one tool call: a result, or an error the model is told about. Never both.
 *
 * @param callId the {@link ToolCallRequested#callId()} this completes
 * @param tenantId owning tenant
 * @param conversationId conversation whose turn made the call
 * @param turnId the turn the call belongs to
 * @param toolName tool that ran (or was asked for)
 * @param status {@code OK} or {@code ERROR}
 * @param result the tool output when OK, otherwise null
 * @param error a short human-readable cause when ERROR, otherwise null
 * @param completedAt when the tool finished
 */
public record ToolCallCompleted(String callId, String tenantId, String conversationId, String turnId, String toolName,
        Status status, String result, String error, Instant completedAt) {

    /** Whether the tool produced a result. */
    public enum Status {
        OK, ERROR
    }

    public static ToolCallCompleted ok(ToolCallRequested request, String result, Instant completedAt) {
        return new ToolCallCompleted(request.callId(), request.tenantId(), request.conversationId(), request.turnId(),
                request.toolName(), Status.OK, result, null, completedAt);
    }

    public static ToolCallCompleted error(ToolCallRequested request, String error, Instant completedAt) {
        return new ToolCallCompleted(request.callId(), request.tenantId(), request.conversationId(), request.turnId(),
                request.toolName(), Status.ERROR, null, error, completedAt);
    }
}
