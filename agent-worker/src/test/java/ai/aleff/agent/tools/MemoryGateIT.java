package ai.aleff.agent.tools;

import static ai.aleff.agent.testing.Inbound.awaitReply;
import static ai.aleff.agent.testing.ModelRequests.body;
import static ai.aleff.agent.testing.ModelRequests.json;
import static ai.aleff.agent.testing.ModelRequests.messages;
import static ai.aleff.agent.testing.ModelRequests.sentTo;
import static ai.aleff.agent.testing.ModelRequests.stub;
import static ai.aleff.agent.testing.ModelRequests.to;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import ai.aleff.agent.testing.AssistantEmulatorProfile;
import ai.aleff.agent.testing.AssistantEmulatorResource;
import ai.aleff.agent.testing.TestTenants;
import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.AssistantConfiguration.ModelChoice;
import ai.aleff.contracts.events.EndUserIdentity;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.tenancy.TenantDirectory;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaBroker;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.OpenAiEmulator;
import ai.aleff.testkit.PostgresResource;

/**
 * Memory tools are offered, and their calls allowed, only for verified users, or for unverified ones in one-to-one
 * conversations of tenants that allow it; never for an unverified user in a group.
 */
@QuarkusTest
@TestProfile(AssistantEmulatorProfile.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class MemoryGateIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    TenantDirectory directory;

    @Test
    void byDefaultOnlyAVerifiedUserIsOfferedMemory() {
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            // Given a tenant with the default policy
            String model = answeringModel();
            String tenant = tenantOn(model, false);

            // When an unverified user, then a verified one, write in conversations of their own
            CloudEvent<MessageReceived> unverified = message(tenant, "conv-" + UUID.randomUUID(), "ann", false,
                    "first hello");
            CloudEvent<MessageReceived> verified = message(tenant, "conv-" + UUID.randomUUID(), "ann", true,
                    "second hello");
            sendAndAwait(replies, unverified, verified);

            // Then only the verified user's model request offers the memory tools; both offer the others
            assertThat(offeredTools(model, "first hello")).contains("time_now").doesNotContain("remember", "recall",
                    "forget");
            assertThat(offeredTools(model, "second hello")).contains("time_now", "remember", "recall", "forget");
        }
    }

    @Test
    void withTheTenantsAllowanceAnUnverifiedUserGetsMemoryOneToOneButNotInAGroup() {
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            // Given a tenant that allows memory for unverified users in one-to-one conversations
            String model = answeringModel();
            String tenant = tenantOn(model, true);
            String conversation = "conv-" + UUID.randomUUID();

            // When unverified ann writes alone, then unverified bob joins, then ann writes again, then verified cy
            sendAndAwait(replies, message(tenant, conversation, "ann", false, "ann alone"),
                    message(tenant, conversation, "bob", false, "bob joins"),
                    message(tenant, conversation, "ann", false, "ann again"),
                    message(tenant, conversation, "cy", true, "cy verified"));

            // Then ann is offered memory while the conversation is hers alone; nobody unverified once it is a group
            assertThat(offeredTools(model, "ann alone")).contains("remember", "recall", "forget");
            assertThat(offeredTools(model, "bob joins")).contains("time_now").doesNotContain("remember", "recall");
            assertThat(offeredTools(model, "ann again")).contains("time_now").doesNotContain("remember", "recall");
            // And a verified user keeps memory in the group
            assertThat(offeredTools(model, "cy verified")).contains("remember", "recall", "forget");
        }
    }

    @Test
    void aMemoryCallOfAnUnverifiedUserIsSentMarkedNotAllowed() {
        try (EventProbe requests = EventProbe.open(kafka, Topics.TOOL_REQUESTS)) {
            // Given a tenant with the default policy whose model calls recall although it was not offered
            String model = "gate-model-" + UUID.randomUUID();
            stub(to(model).atPriority(1).willReturn(json(OpenAiEmulator.toolCallResponse("call-1", "recall",
                    Map.of()))));
            String tenant = tenantOn(model, false);

            // When an unverified and a verified user write
            CloudEvent<MessageReceived> unverified = message(tenant, "conv-" + UUID.randomUUID(), "ann", false,
                    "recall please");
            CloudEvent<MessageReceived> verified = message(tenant, "conv-" + UUID.randomUUID(), "ann", true,
                    "recall please");
            Events.publish(kafka, unverified, verified);

            // Then the unverified user's call tells tool-executor memory is not allowed, the verified one's that it is
            assertThat(requests.awaitOne(ToolCallRequested.class,
                    r -> r.turnId().equals(unverified.data().messageId())).data().memoryAllowed()).isFalse();
            assertThat(requests.awaitOne(ToolCallRequested.class,
                    r -> r.turnId().equals(verified.data().messageId())).data().memoryAllowed()).isTrue();
        }
    }

    @SafeVarargs
    private void sendAndAwait(EventProbe replies, CloudEvent<MessageReceived>... messages) {
        // One at a time: each turn's group check must see the messages before it.
        for (CloudEvent<MessageReceived> message : messages) {
            Events.publish(kafka, message);
            awaitReply(replies, message);
        }
    }

    private static String answeringModel() {
        String model = "gate-model-" + UUID.randomUUID();
        stub(to(model).atPriority(5).withRequestBody(containing("\"messages\""))
                .willReturn(json(OpenAiEmulator.textResponse("ok"))));
        return model;
    }

    private String tenantOn(String model, boolean unverifiedMemoryInOneToOne) {
        String tenant = "t-" + UUID.randomUUID();
        AssistantConfiguration assistant = TestTenants.assistant(1, "Be brief.", List.of(new ModelChoice("openai",
                model, AssistantEmulatorResource.emulator.baseUrl(), null)),
                List.of("remember", "recall", "forget", "time_now"), null);
        Events.publish(KafkaBroker.bootstrapServers(), CloudEvent.of("tenant-service", UUID.randomUUID().toString(),
                tenant, null, Instant.now(), new TenantConfigurationChanged(tenant, "Gate " + tenant,
                        TenantConfigurationChanged.Status.ACTIVE, List.of(), 1, Instant.now(), assistant, Map.of(),
                        null, new EndUserIdentity(null, null, unverifiedMemoryInOneToOne))));
        TestTenants.awaitKnown(directory, tenant, 1);
        return tenant;
    }

    private static CloudEvent<MessageReceived> message(String tenant, String conversation, String user,
            boolean verified, String text) {
        String messageId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        return CloudEvent.of("channel-ingress", messageId, tenant, conversation, now,
                new MessageReceived(messageId, tenant, conversation, user, "api", null, text, now, verified));
    }

    /** The tool names offered in the newest model request whose last message is {@code text}. */
    private static List<String> offeredTools(String model, String text) {
        // Later turns carry this text in their history: the request is the one whose last message it is.
        LoggedRequest request = sentTo(model).stream()
                .filter(r -> messages(r).getLast().endsWith(text))
                .reduce((first, second) -> second)
                .orElseThrow();
        List<String> names = new ArrayList<>();
        body(request).path("tools").forEach(tool -> names.add(tool.path("function").path("name").asText()));
        return names;
    }
}
