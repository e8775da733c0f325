package ai.aleff.agent.messaging;

import java.time.Instant;
import java.util.UUID;

import ai.aleff.agent.testing.TestTenants;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ToolCallCompleted;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.platform.events.CloudEvent;

/** Events as channel-ingress and tool-executor publish them. */
final class TestMessages {

    private TestMessages() {
    }

    static CloudEvent<MessageReceived> message(String tenantId, String conversationId, String text) {
        String messageId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        return CloudEvent.of("channel-ingress", messageId, tenantId, conversationId, now,
                new MessageReceived(messageId, tenantId, conversationId, "user-1", "api", null, text, now));
    }

    static CloudEvent<ToolCallCompleted> ok(ToolCallRequested request, String result) {
        Instant now = Instant.now();
        return CloudEvent.of("tool-executor", "done-" + request.callId(), request.tenantId(),
                request.conversationId(), now, ToolCallCompleted.ok(request, result, now));
    }

    static String newConversation() {
        return "conv-" + UUID.randomUUID();
    }

    /** A new tenant the worker knows (published on the configuration topic), with the platform defaults. */
    static String newTenant() {
        return TestTenants.register();
    }
}
