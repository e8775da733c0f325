package ai.aleff.ingress.service;

/**
 * A validated user message from any channel, ready to be accepted.
 *
 * @param clientMessageId the sender's idempotency key, or null
 * @param userVerified whether the channel vouched for the user id
 */
public record NewMessage(String tenantId, String conversationId, String userId, String channel,
        String clientMessageId, String text, boolean userVerified) {
}
