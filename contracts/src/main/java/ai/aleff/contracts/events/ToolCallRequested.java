package ai.aleff.contracts.events;

import java.time.Instant;

/**
 * An agent worker asks tool-executor to run one tool.
 *
 * @param callId unique id of the call; the CloudEvent id and the key of its {@link ToolCallCompleted}
 * @param tenantId owning tenant
 * @param conversationId conversation whose turn made the call
 * @param turnId the turn (one inbound message) the call belongs to
 * @param userId the end user whose message started the turn; tools that keep per-user state (memory) are
 *        scoped by tenant and user
 * @param idempotencyKey turn id + call index: a redelivered or resumed turn carries the same key, so a
 *        side-effecting tool runs at most once
 * @param toolName registered tool name, e.g. {@code time_now} or {@code calculator}
 * @param arguments the tool arguments as a JSON object text, exactly as the model produced them
 * @param requestedAt when the worker asked
 */
public record ToolCallRequested(String callId, String tenantId, String conversationId, String turnId, String userId,
        String idempotencyKey, String toolName, String arguments, Instant requestedAt) {
}
