package ai.aleff.ingress.widget;

import java.time.Instant;

import ai.aleff.ingress.repository.ConversationMessage;
import ai.aleff.ingress.repository.ReplyLogRepository;

/**
 * A message as the widget shows it: the visitor's ({@code VISITOR}) or the assistant's ({@code ASSISTANT}).
 *
 * @param eventId the stream event id of an assistant message (resume after it with Last-Event-ID); null for the
 *        visitor's own messages
 */
public record WidgetMessage(String eventId, String messageId, Author author, String text, String inReplyTo,
        Instant occurredAt) {

    /** Who wrote a message. */
    public enum Author {
        VISITOR, ASSISTANT
    }

    static WidgetMessage of(ReplyLogRepository.Logged logged) {
        boolean reply = logged.direction() == ConversationMessage.Direction.OUTBOUND;
        return new WidgetMessage(reply ? Long.toString(logged.seq()) : null, logged.messageId(),
                reply ? Author.ASSISTANT : Author.VISITOR, logged.text(), logged.inReplyTo(), logged.occurredAt());
    }
}
