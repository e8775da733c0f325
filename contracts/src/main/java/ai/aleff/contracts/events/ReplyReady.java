package ai.aleff.contracts.events;

import java.time.Instant;

/**
 * The assistant's reply to one inbound message, ready for delivery on the conversation's channel.
 *
 * @param replyId platform-assigned id; also the CloudEvent id
 * @param tenantId owning tenant
 * @param conversationId conversation the reply belongs to
 * @param inReplyTo the {@link MessageReceived#messageId()} this answers
 * @param channel channel to deliver on
 * @param text reply text
 * @param model the model (or offline provider) that produced it
 * @param createdAt when the worker produced it
 */
public record ReplyReady(String replyId, String tenantId, String conversationId, String inReplyTo, String channel,
        String text, String model, Instant createdAt) {
}
