package ai.aleff.agent.tenant;

import static ai.aleff.agent.testing.Inbound.awaitReply;
import static ai.aleff.agent.testing.Inbound.message;
import static ai.aleff.agent.testing.ModelRequests.json;
import static ai.aleff.agent.testing.ModelRequests.messages;
import static ai.aleff.agent.testing.ModelRequests.sentTo;
import static ai.aleff.agent.testing.ModelRequests.stub;
import static ai.aleff.agent.testing.ModelRequests.to;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import ai.aleff.agent.config.AgentSettings;
import ai.aleff.agent.testing.AssistantEmulatorProfile;
import ai.aleff.agent.testing.AssistantEmulatorResource;
import ai.aleff.agent.testing.ModelRequests;
import ai.aleff.agent.testing.TestTenants;
import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.AssistantConfiguration.ModelChoice;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.platform.secrets.SecretPlace;
import ai.aleff.platform.tenancy.TenantDirectory;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.OpenAiEmulator;
import ai.aleff.testkit.PostgresResource;

/** Each tenant's turns use its own assistant configuration, as tenant-service publishes it. */
@QuarkusTest
@TestProfile(AssistantEmulatorProfile.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class TenantAssistantIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    SecretCipher cipher;

    @Inject
    TenantDirectory directory;

    @Inject
    AgentSettings settings;

    @Test
    void twoTenantsGetTheirOwnModelsInstructionsAndKeys() {
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            // Given tenant A with its own (encrypted) key and tenant B without one, on different models
            String modelA = "model-a-" + UUID.randomUUID();
            String modelB = "model-b-" + UUID.randomUUID();
            stub(to(modelA).willReturn(json(OpenAiEmulator.textResponse("Alpha here."))));
            stub(to(modelB).willReturn(json(OpenAiEmulator.textResponse("Beta here."))));
            String tenantA = "t-" + UUID.randomUUID();
            String plainKeyA = "sk-tenant-a-" + UUID.randomUUID();
            TestTenants.publish(tenantA, TenantConfigurationChanged.Status.ACTIVE, 1,
                    TestTenants.assistant(3, "You are Alpha.", List.of(new ModelChoice("openai", modelA,
                            AssistantEmulatorResource.emulator.baseUrl(), cipher.encrypt(SecretPlace.model(tenantA,
                                    new ModelChoice("openai", modelA, AssistantEmulatorResource.emulator.baseUrl(),
                                            null)),
                                    plainKeyA))),
                            List.of(), null));
            String tenantB = TestTenants.register(TestTenants.assistant(1, "You are Beta.", List.of(new ModelChoice(
                    "openai", modelB, AssistantEmulatorResource.emulator.baseUrl(), null)), List.of(), null));
            TestTenants.awaitKnown(directory, tenantA, 1);
            TestTenants.awaitKnown(directory, tenantB, 1);

            // When each tenant's user writes
            CloudEvent<MessageReceived> toA = message(tenantA, "hello A");
            CloudEvent<MessageReceived> toB = message(tenantB, "hello B");
            Events.publish(kafka, toA, toB);

            // Then each reply comes from the tenant's own model
            ReplyReady replyA = awaitReply(replies, toA);
            ReplyReady replyB = awaitReply(replies, toB);
            assertThat(replyA.text()).isEqualTo("Alpha here.");
            assertThat(replyA.model()).isEqualTo(modelA);
            assertThat(replyB.text()).isEqualTo("Beta here.");

            // And tenant A's model got A's plain key and instructions, tenant B's the platform key and B's
            LoggedRequest requestA = sentTo(modelA).getFirst();
            assertThat(requestA.getHeader("Authorization")).isEqualTo("Bearer " + plainKeyA);
            assertThat(messages(requestA)).containsExactly("system: You are Alpha.", "user: hello A");
            LoggedRequest requestB = sentTo(modelB).getFirst();
            assertThat(requestB.getHeader("Authorization"))
                    .isEqualTo("Bearer " + AssistantEmulatorResource.PLATFORM_OPENAI_KEY);
            assertThat(messages(requestB)).containsExactly("system: You are Beta.", "user: hello B");
        }
    }

    @Test
    void thePlatformKeyNeverGoesToATenantsOwnBaseUrl() {
        try (EventProbe audit = EventProbe.open(kafka, Topics.AUDIT)) {
            // Given a tenant without its own key whose model names a base URL other than OpenAI's endpoint (the
            // same emulator, reached by another name, so the call would succeed if it were made)
            String model = "foreign-" + UUID.randomUUID();
            stub(to(model).willReturn(json(OpenAiEmulator.textResponse("got the platform key"))));
            String foreignUrl = "http://localhost:" + AssistantEmulatorResource.emulator.server().port() + "/v1";
            String tenant = TestTenants.register(TestTenants.assistant(1, "x", List.of(new ModelChoice("openai",
                    model, foreignUrl, null)), List.of(), null));
            TestTenants.awaitKnown(directory, tenant, 1);

            // When its user writes
            CloudEvent<MessageReceived> message = message(tenant, "hello " + UUID.randomUUID());
            Events.publish(kafka, message);

            // Then the turn fails, saying the entry needs the tenant's own key, and no request was sent at all
            AuditRecord failed = audit.awaitOne(AuditRecord.class, r -> r.conversationId()
                    .equals(message.conversationId()) && r.action().equals("turn.failed")).data();
            assertThat(failed.detail()).contains("needs the tenant's own apiKey");
            assertThat(sentTo(model)).isEmpty();
        }
    }

    @Test
    void aKeyCopiedToAnotherEntryOfTheSameTenantIsNeverSent() {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("").addHandler(capture);
        try (EventProbe audit = EventProbe.open(kafka, Topics.AUDIT)) {
            // Given a tenant's key encrypted for one model entry, and its ciphertext copied into another entry of
            // the same tenant's chain (another model at another endpoint, which would answer if it were asked)
            String owner = "owner-" + UUID.randomUUID();
            String thief = "thief-" + UUID.randomUUID();
            stub(to(thief).willReturn(json(OpenAiEmulator.textResponse("got the copied key"))));
            String tenant = "t-" + UUID.randomUUID();
            String plainKey = "sk-copied-" + UUID.randomUUID();
            String ownerUrl = "https://api.openai.com/v1";
            String thiefUrl = AssistantEmulatorResource.emulator.baseUrl();
            AssistantConfiguration.EncryptedSecret ownersKey = cipher
                    .encrypt(SecretPlace.model(tenant, new ModelChoice("openai", owner, ownerUrl, null)), plainKey);
            TestTenants.publish(tenant, TenantConfigurationChanged.Status.ACTIVE, 1, TestTenants.assistant(1, "x",
                    List.of(new ModelChoice("openai", thief, thiefUrl, ownersKey)), List.of(), null));
            TestTenants.awaitKnown(directory, tenant, 1);

            // When its user writes
            CloudEvent<MessageReceived> message = message(tenant, "hello " + UUID.randomUUID());
            Events.publish(kafka, message);

            // Then the turn fails, the tenant's audit says the key could not be decrypted, and no request was sent
            AuditRecord failed = audit.awaitOne(AuditRecord.class, r -> r.conversationId()
                    .equals(message.conversationId()) && r.action().equals("turn.failed")).data();
            assertThat(failed.detail()).contains("API key cannot be decrypted");
            assertThat(sentTo(thief)).isEmpty();

            // And the operator's log names the refusal without the key
            assertThat(logged).anyMatch(line -> line.contains("cannot be decrypted") && line.contains(tenant));
            assertThat(logged).noneMatch(line -> line.contains(plainKey));
        } finally {
            Logger.getLogger("").removeHandler(capture);
        }
    }

    @Test
    void tenantWithoutModelsUsesThePlatformChainDefaultInstructionsAndOnlyItsListedTools() {
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            // Given a tenant that set no models and no instructions, and enabled only the calculator
            String marker = "platform please " + UUID.randomUUID();
            stub(to(AssistantEmulatorResource.PLATFORM_MODEL).withRequestBody(
                    com.github.tomakehurst.wiremock.client.WireMock.containing(marker))
                    .willReturn(json(OpenAiEmulator.textResponse("From the platform model."))));
            String tenant = TestTenants.register(TestTenants.assistant(1, null, List.of(), List.of("calculator"),
                    null));
            TestTenants.awaitKnown(directory, tenant, 1);

            // When its user writes
            CloudEvent<MessageReceived> message = message(tenant, marker);
            Events.publish(kafka, message);

            // Then the platform chain answers, with the platform's instructions and key
            assertThat(awaitReply(replies, message).text()).isEqualTo("From the platform model.");
            LoggedRequest request = sentTo(AssistantEmulatorResource.PLATFORM_MODEL).stream()
                    .filter(r -> r.getBodyAsString().contains(marker))
                    .findFirst()
                    .orElseThrow();
            assertThat(request.getHeader("Authorization"))
                    .isEqualTo("Bearer " + AssistantEmulatorResource.PLATFORM_CHAIN_KEY);
            assertThat(messages(request).getFirst()).isEqualTo("system: " + settings.systemPrompt());
            // And the model was offered the calculator and nothing else
            List<String> tools = ModelRequests.body(request)
                    .get("tools")
                    .findValues("name")
                    .stream()
                    .map(JsonNode::asText)
                    .toList();
            assertThat(tools).containsExactly("calculator");
        }
    }

    @Test
    void toolTheTenantDidNotListIsRefusedEvenWhenTheModelAsksForIt() {
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND);
                EventProbe toolRequests = EventProbe.open(kafka, Topics.TOOL_REQUESTS)) {
            // Given a tenant that allows only the calculator, on a model that asks for time_now anyway
            String model = "model-rogue-" + UUID.randomUUID();
            String refusal = "the tool time_now is not available to this agent";
            stub(to(model).willReturn(
                    json(OpenAiEmulator.toolCallResponse("call-1", "time_now", Map.of("timezone", "UTC")))));
            stub(to(model).atPriority(1)
                    .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(refusal))
                    .willReturn(json(OpenAiEmulator.textResponse("I cannot tell the time here."))));
            String tenant = TestTenants.register(TestTenants.assistant(1, null, List.of(new ModelChoice("openai",
                    model, AssistantEmulatorResource.emulator.baseUrl(), null)), List.of("calculator"), null));
            TestTenants.awaitKnown(directory, tenant, 1);

            // When its user writes
            CloudEvent<MessageReceived> message = message(tenant, "what time is it?");
            Events.publish(kafka, message);

            // Then the model gets an error result for the unlisted tool and the turn still answers
            assertThat(awaitReply(replies, message).text()).isEqualTo("I cannot tell the time here.");
            assertThat(sentTo(model)).anySatisfy(request -> assertThat(request.getBodyAsString()).contains(refusal));
            // And tool-executor was never asked to run it
            assertThat(toolRequests.events(ToolCallRequested.class,
                    request -> request.turnId().equals(message.data().messageId()))).isEmpty();
        }
    }

    @Test
    void configurationChangeTakesEffectOnTheNextTurn() {
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            // Given a tenant on one model that has answered once
            String first = "first-" + UUID.randomUUID();
            String second = "second-" + UUID.randomUUID();
            stub(to(first).willReturn(json(OpenAiEmulator.textResponse("first model"))));
            stub(to(second).willReturn(json(OpenAiEmulator.textResponse("second model"))));
            String base = AssistantEmulatorResource.emulator.baseUrl();
            String tenant = TestTenants.register(TestTenants.assistant(1, "v1",
                    List.of(new ModelChoice("openai", first, base, null)), List.of(), null));
            TestTenants.awaitKnown(directory, tenant, 1);
            String conversation = "conv-" + UUID.randomUUID();
            CloudEvent<MessageReceived> before = message(tenant, conversation, "before");
            Events.publish(kafka, before);
            assertThat(awaitReply(replies, before).text()).isEqualTo("first model");

            // When the tenant switches model and instructions
            TestTenants.publish(tenant, TenantConfigurationChanged.Status.ACTIVE, 2, TestTenants.assistant(2, "v2",
                    List.of(new ModelChoice("openai", second, base, null)), List.of(), null));
            TestTenants.awaitKnown(directory, tenant, 2);
            CloudEvent<MessageReceived> after = message(tenant, conversation, "after");
            Events.publish(kafka, after);

            // Then the next turn uses the new model and instructions
            assertThat(awaitReply(replies, after).text()).isEqualTo("second model");
            assertThat(messages(sentTo(second).getFirst()).getFirst()).isEqualTo("system: v2");
            assertThat(sentTo(first)).hasSize(1);
        }
    }

    @Test
    void messagesOfUnknownAndDisabledTenantsAreRefusedWithoutAModelCall() {
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND);
                EventProbe audit = EventProbe.open(kafka, Topics.AUDIT)) {
            // Given a tenant nobody configured and a disabled one
            String unknown = "t-unknown-" + UUID.randomUUID();
            String disabled = "t-disabled-" + UUID.randomUUID();
            TestTenants.publish(disabled, TenantConfigurationChanged.Status.DISABLED, 1,
                    AssistantConfiguration.platformDefaults());
            TestTenants.awaitKnown(directory, disabled, 1);

            // When messages of both arrive
            CloudEvent<MessageReceived> fromUnknown = message(unknown, "anyone there? " + UUID.randomUUID());
            CloudEvent<MessageReceived> fromDisabled = message(disabled, "still there? " + UUID.randomUUID());
            Events.publish(kafka, fromUnknown, fromDisabled);

            // Then each is refused in the audit trail with its reason
            AuditRecord refusedUnknown = audit.awaitOne(AuditRecord.class,
                    a -> a.action().equals("message.refused") && a.subjectId().equals(
                            fromUnknown.data().messageId()))
                    .data();
            assertThat(refusedUnknown.detail()).isEqualTo("reason=tenant unknown");
            AuditRecord refusedDisabled = audit.awaitOne(AuditRecord.class,
                    a -> a.action().equals("message.refused") && a.subjectId().equals(
                            fromDisabled.data().messageId()))
                    .data();
            assertThat(refusedDisabled.detail()).isEqualTo("reason=tenant disabled");

            // And no model was asked and nothing was replied, also a moment later
            Awaitility.await()
                    .during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> replies.events(ReplyReady.class, r -> r.tenantId().equals(unknown)
                            || r.tenantId().equals(disabled)).isEmpty());
            assertThat(AssistantEmulatorResource.emulator.server().getAllServeEvents())
                    .noneMatch(e -> e.getRequest().getBodyAsString().contains(fromUnknown.data().text())
                            || e.getRequest().getBodyAsString().contains(fromDisabled.data().text()));
        }
    }
}
