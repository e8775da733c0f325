package ai.aleff.ingress.api;

/**
 * The platform took responsibility for a message: Kafka acknowledged it.
 *
 * @param messageId the platform's id of the message; replies refer to it
 * @param conversationId the conversation it belongs to
 */
public record MessageAccepted(String messageId, String conversationId) {
}
