package ai.aleff.agent.repository;

/**
 * A tool call a turn made.
 *
 * @param callId platform id: turnId:iteration:index
 * @param modelCallId the model's own id of the call, needed to hand the result back to it
 */
public record ToolCall(String callId, String tenantId, String turnId, int iteration, int idx, String modelCallId,
        String toolName, String arguments) {
}
