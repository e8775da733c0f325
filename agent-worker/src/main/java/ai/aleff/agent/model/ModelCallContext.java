package ai.aleff.agent.model;

/**
 * Whom a model call is for: cooldowns are keyed by the tenant, usage is billed to it.
 *
 * @param tenantId tenant of the turn
 * @param conversationId conversation of the turn
 * @param turnId the turn (inbound message id)
 * @param step the turn's tool iteration this call serves, so each step's usage has its own id
 */
public record ModelCallContext(String tenantId, String conversationId, String turnId, int step) {
}
