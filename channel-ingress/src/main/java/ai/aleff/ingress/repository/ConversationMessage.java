package ai.aleff.ingress.repository;

import java.time.Instant;

/**
 * One message of a conversation as stored in the view.
 *
 * @param userId the sender, for inbound messages
 * @param inReplyTo the answered message, for replies
 * @param model the model that wrote a reply
 */
public record ConversationMessage(String tenantId, String conversationId, String messageId, Direction direction,
        String userId, String text, String inReplyTo, String model, Instant occurredAt) {

    public enum Direction {
        /** From the user to the assistant. */
        INBOUND,
        /** From the assistant to the user. */
        OUTBOUND
    }
}
