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
 * @param memoryAllowed whether the turn may use memory tools (its user is verified, or the conversation is one-to-one
 *        and the tenant allows unverified users there). tool-executor refuses a memory tool without it, so a model
 *        naming a tool it was not offered cannot bypass the worker's gate; false in records published before the
 *        field existed.
 */
public record ToolCallRequested(String callId, String tenantId, String conversationId, String turnId, String userId,
        String idempotencyKey, String toolName, String arguments, Instant requestedAt, boolean memoryAllowed) {

    /** A call of a turn that may not use memory tools. */
    public ToolCallRequested(String callId, String tenantId, String conversationId, String turnId, String userId,
            String idempotencyKey, String toolName, String arguments, Instant requestedAt) {
        this(callId, tenantId, conversationId, turnId, userId, idempotencyKey, toolName, arguments, requestedAt, false);
    }
}
