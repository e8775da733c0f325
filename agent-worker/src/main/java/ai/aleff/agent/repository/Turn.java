package ai.aleff.agent.repository;

/**
 * One inbound message and the work it causes, or a subagent run delegated by another turn (a child turn).
 *
 * @param turnId the inbound message id (a child: derived from the parent's call id)
 * @param iteration tool rounds completed so far; the optimistic guard of every state change
 * @param lineage root for a user's turn; parent, call and depth for a child turn
 * @param userVerified whether the channel vouched for the user (a child turn inherits its parent's)
 */
public record Turn(String turnId, String tenantId, String conversationId, String userId, String channel,
        String userText, TurnStatus status, int iteration, TurnLineage lineage, boolean userVerified) {

    public Turn {
        lineage = lineage == null ? TurnLineage.ROOT : lineage;
    }

    /** A turn of an unverified user. */
    public Turn(String turnId, String tenantId, String conversationId, String userId, String channel,
            String userText, TurnStatus status, int iteration, TurnLineage lineage) {
        this(turnId, tenantId, conversationId, userId, channel, userText, status, iteration, lineage, false);
    }

    /** A user's turn. */
    public Turn(String turnId, String tenantId, String conversationId, String userId, String channel,
            String userText, TurnStatus status, int iteration) {
        this(turnId, tenantId, conversationId, userId, channel, userText, status, iteration, TurnLineage.ROOT);
    }

    public boolean isChild() {
        return lineage.isChild();
    }

    /**
     * Whose history rows this turn reads and writes. A child turn keeps its own transcript under
     * {@code <conversation>#<turn>}, so the user's conversation never shows the subagent's inner steps, while the
     * child still shares the conversation's lock, lane and event keys.
     */
    public String historyKey() {
        return isChild() ? conversationId + "#" + turnId : conversationId;
    }
}
