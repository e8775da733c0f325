package ai.aleff.ingress.conversation;

import java.time.Instant;

import ai.aleff.ingress.repository.ReplyLogRepository;

/**
 * A reply as the integrator's event stream sends it: the fields of the ReplyReady event, read back from the reply log.
 *
 * @param replyId the reply's id (one reply, one replyId, however often its record was delivered)
 * @param inReplyTo the messageId this answers
 * @param model the model (or offline provider) that produced it
 * @param createdAt when the worker produced it
 */
public record ConversationReply(String replyId, String tenantId, String conversationId, String inReplyTo,
        String text, String model, Instant createdAt) {

    static ConversationReply of(String tenantId, String conversationId, ReplyLogRepository.Logged logged) {
        return new ConversationReply(logged.messageId(), tenantId, conversationId, logged.inReplyTo(), logged.text(),
                logged.model(), logged.occurredAt());
    }
}
