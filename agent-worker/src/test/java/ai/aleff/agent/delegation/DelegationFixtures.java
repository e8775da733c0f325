package ai.aleff.agent.delegation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.AssistantConfiguration.ModelChoice;
import ai.aleff.contracts.events.AssistantConfiguration.Skill;
import ai.aleff.contracts.events.AssistantConfiguration.Subagent;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.contracts.events.ToolCallCompleted;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.platform.events.CloudEvent;

/** Events as tenant-service, channel-ingress and tool-executor publish them. */
final class DelegationFixtures {

    private DelegationFixtures() {
    }

    static String newTenant() {
        return "t-" + UUID.randomUUID();
    }

    static String newConversation() {
        return "conv-" + UUID.randomUUID();
    }

    static AssistantConfiguration assistant(List<Subagent> subagents, List<Skill> skills) {
        return new AssistantConfiguration(1, null, List.of(), List.of(), subagents, skills, null, null);
    }

    static Subagent subagent(String name, String description, String instructions, List<String> tools,
            List<ModelChoice> models) {
        return new Subagent(name, description, instructions, models, tools);
    }

    static CloudEvent<TenantConfigurationChanged> configuration(String tenantId, AssistantConfiguration assistant) {
        Instant now = Instant.now();
        return CloudEvent.of("tenant-service", UUID.randomUUID().toString(), tenantId, null, now,
                new TenantConfigurationChanged(tenantId, "Tenant " + tenantId,
                        TenantConfigurationChanged.Status.ACTIVE, List.of(), 1, now, assistant));
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
}
