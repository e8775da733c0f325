package ai.aleff.agent.testing;

import java.time.Instant;
import java.util.UUID;

import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.contracts.events.ToolCallCompleted;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.EventProbe;

/** Messages and tool results as channel-ingress and tool-executor publish them, and the replies they cause. */
public final class Inbound {

    private Inbound() {
    }

    public static CloudEvent<MessageReceived> message(String tenantId, String text) {
        return message(tenantId, "conv-" + UUID.randomUUID(), text);
    }

    public static CloudEvent<MessageReceived> message(String tenantId, String conversationId, String text) {
        return message(tenantId, conversationId, "user-1", text);
    }

    /** A message of one end user ({@code userId}) of a conversation. */
    public static CloudEvent<MessageReceived> message(String tenantId, String conversationId, String userId,
            String text) {
        String messageId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        return CloudEvent.of("channel-ingress", messageId, tenantId, conversationId, now,
                new MessageReceived(messageId, tenantId, conversationId, userId, "api", null, text, now));
    }

    public static CloudEvent<ToolCallCompleted> toolResult(ToolCallRequested request, String result) {
        Instant now = Instant.now();
        return CloudEvent.of("tool-executor", "done-" + request.callId(), request.tenantId(),
                request.conversationId(), now, ToolCallCompleted.ok(request, result, now));
    }

    public static ReplyReady awaitReply(EventProbe replies, CloudEvent<MessageReceived> message) {
        return replies.awaitOne(ReplyReady.class, r -> r.inReplyTo().equals(message.data().messageId())).data();
    }
}
