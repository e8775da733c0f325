package ai.aleff.agent.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import ai.aleff.agent.testing.TestTenants;
import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.tenancy.TenantDirectory;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.SecuredBrokerProfile;
import ai.aleff.testkit.SecuredKafkaBroker;

/**
 * A whole turn on a broker that accepts only authenticated clients, the worker configured through the
 * {@code kafka.*} properties alone: tenant directory, inbound and tool-result channels, outbox relay.
 */
@QuarkusTest
@TestProfile(SecuredBrokerProfile.class)
class SecuredBrokerIT {

    private static final Map<String, String> PLATFORM = SecuredKafkaBroker.clientConfig();

    @Inject
    TenantDirectory directory;

    @Test
    void aTurnWithAToolCallIsAnsweredOverTheSecuredBroker() {
        // Given a tenant the worker read from the secured broker's configuration topic
        String tenantId = "t-" + UUID.randomUUID();
        Events.publish(PLATFORM, CloudEvent.of("tenant-service", UUID.randomUUID().toString(), tenantId, null,
                Instant.now(), new TenantConfigurationChanged(tenantId, "Secured tenant",
                        TenantConfigurationChanged.Status.ACTIVE, List.of(), 1, Instant.now(),
                        AssistantConfiguration.platformDefaults())));
        TestTenants.awaitKnown(directory, tenantId, 1);
        try (EventProbe requests = EventProbe.open(PLATFORM, Topics.TOOL_REQUESTS);
                EventProbe replies = EventProbe.open(PLATFORM, Topics.CONVERSATION_OUTBOUND)) {
            // When the user asks the offline provider to calculate
            CloudEvent<MessageReceived> message = TestMessages.message(tenantId, TestMessages.newConversation(),
                    "/calc 2*(3+4)");
            Events.publish(PLATFORM, message);

            // Then the worker consumed it and relayed the tool request
            String turnId = message.data().messageId();
            ToolCallRequested request = requests.awaitOne(ToolCallRequested.class, r -> r.turnId().equals(turnId))
                    .data();
            assertThat(request.toolName()).isEqualTo("calculator");

            // And when the tool result arrives, the worker consumes it and replies
            Events.publish(PLATFORM, TestMessages.ok(request, "14"));
            ReplyReady reply = replies.awaitOne(ReplyReady.class, r -> r.inReplyTo().equals(turnId)).data();
            assertThat(reply.text()).isEqualTo("[offline] calculator -> 14");
        }
    }
}
