package ai.aleff.agent.repository;

/**
 * One inbound message and the work it causes.
 *
 * @param turnId the inbound message id
 * @param iteration tool rounds completed so far; the optimistic guard of every state change
 */
public record Turn(String turnId, String tenantId, String conversationId, String userId, String channel,
        String userText, TurnStatus status, int iteration) {
}
