package ai.aleff.agent.session;

import static ai.aleff.agent.testing.Inbound.awaitReply;
import static ai.aleff.agent.testing.Inbound.message;
import static ai.aleff.agent.testing.ModelRequests.json;
import static ai.aleff.agent.testing.ModelRequests.messages;
import static ai.aleff.agent.testing.ModelRequests.sentTo;
import static ai.aleff.agent.testing.ModelRequests.stub;
import static ai.aleff.agent.testing.ModelRequests.to;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import ai.aleff.agent.config.AgentSettings;
import ai.aleff.agent.testing.AssistantEmulatorProfile;
import ai.aleff.agent.testing.AssistantEmulatorResource;
import ai.aleff.agent.testing.TestTenants;
import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AssistantConfiguration.ModelChoice;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.tenancy.TenantDirectory;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.OpenAiEmulator;
import ai.aleff.testkit.PostgresResource;

/** /reset, /status and /help are answered by the worker itself, in order, once, and audited. */
@QuarkusTest
@TestProfile(AssistantEmulatorProfile.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class SessionCommandsIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    TenantDirectory directory;

    @Inject
    AgentSettings settings;

    @Test
    void resetStartsASessionWhoseModelCallsNoLongerCarryEarlierHistory() {
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND);
                EventProbe audit = EventProbe.open(kafka, Topics.AUDIT)) {
            // Given a conversation in which the user told the assistant their name
            String model = "reset-model-" + UUID.randomUUID();
            String tenant = tenantOn(model);
            String conversation = "conv-" + UUID.randomUUID();
            CloudEvent<MessageReceived> name = message(tenant, conversation, "My name is Zed.");
            Events.publish(kafka, name);
            awaitReply(replies, name);

            // When the user sends /Reset (delivered twice) and then asks something
            CloudEvent<MessageReceived> reset = message(tenant, conversation, "  /Reset ");
            CloudEvent<MessageReceived> question = message(tenant, conversation, "What is my name?");
            Events.publish(kafka, reset, reset, question);

            // Then /reset is confirmed once, before the answer to the question
            ReplyReady resetReply = awaitReply(replies, reset);
            assertThat(resetReply.text()).contains("new session", "session 2");
            awaitReply(replies, question);
            assertThat(replies.events(ReplyReady.class, r -> r.conversationId().equals(conversation))
                    .stream()
                    .map(e -> e.data().inReplyTo())).containsExactly(name.data().messageId(),
                            reset.data().messageId(), question.data().messageId());
            // And the model was not asked about /reset, and its next request has only the new question
            assertThat(sentTo(model)).hasSize(2);
            assertThat(messages(sentTo(model).get(1))).containsExactly(
                    "system: " + settings.systemPrompt(), "user: What is my name?");
            // And the reset is audited once
            assertThat(audit.await(AuditRecord.class, a -> a.action().equals("session.reset")
                    && a.subjectId().equals(reset.data().messageId()), 1)).hasSize(1);
        }
    }

    @Test
    void statusShowsTheChainTheSessionUsageAndTheHistorySize() {
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            // Given a tenant on a priced model with a backup, and two answered messages
            String backup = "status-backup-" + UUID.randomUUID();
            stub(to("status-model").willReturn(json(OpenAiEmulator.textResponse("ok"))));
            String base = AssistantEmulatorResource.emulator.baseUrl();
            String tenant = TestTenants.register(TestTenants.assistant(1, null, List.of(
                    new ModelChoice("openai", "status-model", base, null),
                    new ModelChoice("openai", backup, base, null)), List.of(), null));
            TestTenants.awaitKnown(directory, tenant, 1);
            String conversation = "conv-" + UUID.randomUUID();
            for (String text : List.of("hello", "again")) {
                CloudEvent<MessageReceived> message = message(tenant, conversation, text);
                Events.publish(kafka, message);
                awaitReply(replies, message);
            }
            int modelCalls = sentTo("status-model").size();

            // When the user asks for the status
            CloudEvent<MessageReceived> status = message(tenant, conversation, "/STATUS");
            Events.publish(kafka, status);

            // Then the reply names the chain, counts the turns and the emulator's tokens (12 in, 5 out per call)
            // priced at 1000 / 2000 per million, and sizes the history: 2 questions, 2 answers of 1-2 tokens each
            ReplyReady reply = awaitReply(replies, status);
            assertThat(reply.text()).contains("Session 1.", "Models: openai/status-model, openai/" + backup,
                    "Turns: 2, tokens in: 24, tokens out: 10, estimated cost: 0.044 USD",
                    "History: 4 messages, about 6 tokens sent to the model (budget 8000).");
            assertThat(reply.model()).isEqualTo("none");
            // And no model was called for it
            assertThat(sentTo("status-model")).hasSize(modelCalls);
        }
    }

    @Test
    void helpListsTheCommandsAndALookalikeIsAnOrdinaryMessage() {
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND)) {
            // Given a tenant whose model answers everything
            String model = "help-model-" + UUID.randomUUID();
            String tenant = tenantOn(model);
            String conversation = "conv-" + UUID.randomUUID();

            // When the user sends /help, then a message that merely starts like a command
            CloudEvent<MessageReceived> help = message(tenant, conversation, "/help");
            CloudEvent<MessageReceived> lookalike = message(tenant, conversation, "/resetting my router");
            Events.publish(kafka, help, lookalike);

            // Then /help lists the commands without a model call
            assertThat(awaitReply(replies, help).text()).contains("/reset", "/status", "/help");
            // And the lookalike goes to the model like any message
            assertThat(awaitReply(replies, lookalike).text()).isEqualTo("Model answer.");
            assertThat(sentTo(model)).hasSize(1);
            assertThat(messages(sentTo(model).getFirst())).last().isEqualTo("user: /resetting my router");
        }
    }

    private String tenantOn(String model) {
        stub(to(model).willReturn(json(OpenAiEmulator.textResponse("Model answer."))));
        String tenant = TestTenants.register(TestTenants.assistant(1, null, List.of(new ModelChoice("openai", model,
                AssistantEmulatorResource.emulator.baseUrl(), null)), List.of(), null));
        TestTenants.awaitKnown(directory, tenant, 1);
        return tenant;
    }
}
