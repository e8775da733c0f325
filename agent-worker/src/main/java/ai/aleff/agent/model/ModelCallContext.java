package ai.aleff.agent.model;

import ai.aleff.agent.repository.UsageRow;

/**
 * Whom a model call is for: cooldowns are keyed by the tenant, usage is billed to it.
 *
 * @param tenantId tenant of the turn
 * @param conversationId conversation of the turn
 * @param turnId the turn (inbound message id)
 * @param step the turn's tool iteration this call serves, so each step's usage has its own id
 * @param purpose {@link #TURN} for the turn's own call, or another word (e.g. {@code summary}) for a side call
 *        made during the same step, which then gets a usage id of its own
 * @param messageId the user message the call serves, for usage per message: the turn id of a user's turn, null for
 *        a subagent's (child) turn
 */
public record ModelCallContext(String tenantId, String conversationId, String turnId, int step, String purpose,
        String messageId) {

    /** The purpose of the call that answers the user. */
    public static final String TURN = "turn";

    /** A user's turn's own call. */
    public ModelCallContext(String tenantId, String conversationId, String turnId, int step) {
        this(tenantId, conversationId, turnId, step, TURN, turnId);
    }

    /** A turn's own call; {@code userTurn} false for a subagent's turn, whose calls serve no message directly. */
    public static ModelCallContext of(String tenantId, String conversationId, String turnId, int step,
            boolean userTurn) {
        return new ModelCallContext(tenantId, conversationId, turnId, step, TURN, userTurn ? turnId : null);
    }

    /** The same step, for another purpose. */
    public ModelCallContext withPurpose(String otherPurpose) {
        return new ModelCallContext(tenantId, conversationId, turnId, step, otherPurpose, messageId);
    }

    /** Id of the usage this call records: stable per turn step and purpose, so a redone step deduplicates. */
    public String usageId() {
        return TURN.equals(purpose) ? turnId + ":" + step + ":usage" : turnId + ":" + step + ":" + purpose + ":usage";
    }

    /** The row that stores what this call used. */
    public UsageRow usageRow(ModelUsage usage) {
        return new UsageRow(usageId(), tenantId, conversationId, turnId, usage.provider().id(), usage.model(),
                usage.inputTokens(), usage.outputTokens(), usage.estimatedCost(), usage.currency());
    }
}
