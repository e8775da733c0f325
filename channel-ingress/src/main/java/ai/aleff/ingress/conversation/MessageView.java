package ai.aleff.ingress.conversation;

import java.time.Instant;

import ai.aleff.ingress.repository.ConversationMessage;

/**
 * One message of a conversation, as the API shows it.
 *
 * @param userId the sender of an inbound message; null for replies
 * @param inReplyTo the message a reply answers; null for inbound messages
 */
public record MessageView(String messageId, ConversationMessage.Direction direction, String userId, String text,
        String inReplyTo, Instant occurredAt) {

    static MessageView of(ConversationMessage m) {
        return new MessageView(m.messageId(), m.direction(), m.userId(), m.text(), m.inReplyTo(), m.occurredAt());
    }
}
