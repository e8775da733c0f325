package ai.aleff.ingress.conversation;

import java.util.List;

/** A conversation's messages, oldest first. */
public record ConversationMessages(String conversationId, List<MessageView> messages) {
}
