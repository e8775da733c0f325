package ai.aleff.agent.history;

import static ai.aleff.agent.testing.Inbound.awaitReply;
import static ai.aleff.agent.testing.Inbound.message;
import static ai.aleff.agent.testing.ModelRequests.json;
import static ai.aleff.agent.testing.ModelRequests.messages;
import static ai.aleff.agent.testing.ModelRequests.sentTo;
import static ai.aleff.agent.testing.ModelRequests.stub;
import static ai.aleff.agent.testing.ModelRequests.to;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
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

/**
 * A conversation longer than its tenant's token budget is compacted into a model-written summary; when the summary
 * call fails the turn still answers, with history cut to the budget.
 */
@QuarkusTest
@TestProfile(AssistantEmulatorProfile.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class HistoryCompactionIT {

    private static final int BUDGET = 200;
    private static final String SUMMARY = "SUMMARY: the user is Zed and likes green tea.";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    TenantDirectory directory;

    @Test
    void longConversationIsSummarisedOnceAndLaterCallsCarryTheSummaryWithinTheBudget() {
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND);
                EventProbe audit = EventProbe.open(kafka, Topics.AUDIT)) {
            // Given a tenant with a 200-token history budget whose model summarises when asked to
            String model = "compact-model-" + UUID.randomUUID();
            stub(to(model).atPriority(1)
                    .withRequestBody(containing("You compress a conversation"))
                    .willReturn(json(OpenAiEmulator.textResponse(SUMMARY))));
            stub(to(model).atPriority(5).willReturn(json(OpenAiEmulator.textResponse("noted"))));
            String tenant = tenantOn(model);
            String conversation = "conv-" + UUID.randomUUID();

            // When the user sends six messages of about 60 tokens each, one after the other
            sendInTurn(replies, tenant, conversation, 6);

            // Then the model was asked for a summary, first of the oldest messages
            List<LoggedRequest> requests = inOrder(sentTo(model));
            List<LoggedRequest> summaryRequests = requests.stream().filter(HistoryCompactionIT::isSummary).toList();
            assertThat(summaryRequests).isNotEmpty();
            assertThat(summaryRequests.getFirst().getBodyAsString()).contains(text(1), text(2));
            assertThat(summaryRequests.getFirst().getBodyAsString()).doesNotContain(text(4));

            // And every turn call after the first summary carries the summary, not the summarised messages, and fits
            int firstSummary = requests.indexOf(summaryRequests.getFirst());
            List<LoggedRequest> later = requests.subList(firstSummary + 1, requests.size())
                    .stream()
                    .filter(r -> !isSummary(r))
                    .toList();
            assertThat(later).isNotEmpty();
            for (LoggedRequest request : later) {
                List<String> sent = messages(request);
                assertThat(sent.get(1)).isEqualTo("system: " + SummaryPrompt.SUMMARY_HEADING + "\n" + SUMMARY);
                assertThat(request.getBodyAsString()).doesNotContain(text(1));
                assertThat(historyTokens(sent)).isLessThanOrEqualTo(BUDGET);
            }

            // And each summary was made exactly once: one compaction audit record per summary request
            assertThat(audit.await(AuditRecord.class, a -> a.action().equals("history.compacted")
                    && a.conversationId().equals(conversation), summaryRequests.size())).hasSize(
                            summaryRequests.size());
        }
    }

    @Test
    void failingSummaryFallsBackToTruncationAndTheTurnStillAnswers() {
        try (EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND);
                EventProbe audit = EventProbe.open(kafka, Topics.AUDIT)) {
            // Given a tenant whose model fails every summary request but answers the user
            String model = "compact-fail-" + UUID.randomUUID();
            stub(to(model).atPriority(1)
                    .withRequestBody(containing("You compress a conversation"))
                    .willReturn(aResponse().withStatus(500).withBody("{\"error\":{\"message\":\"down\"}}")));
            stub(to(model).atPriority(5).willReturn(json(OpenAiEmulator.textResponse("noted"))));
            String tenant = tenantOn(model);
            String conversation = "conv-" + UUID.randomUUID();

            // When the conversation outgrows the budget on its fourth message
            List<CloudEvent<MessageReceived>> sent = sendInTurn(replies, tenant, conversation, 4);

            // Then the fourth message is still answered by the model
            CloudEvent<MessageReceived> fourth = sent.get(3);
            assertThat(replies.events(ReplyReady.class, r -> r.inReplyTo().equals(fourth.data().messageId())))
                    .singleElement()
                    .satisfies(reply -> assertThat(reply.data().text()).isEqualTo("noted"));
            // And the truncation is audited with the summary's failure
            AuditRecord truncated = audit.awaitOne(AuditRecord.class, a -> a.action().equals("history.truncated")
                    && a.subjectId().equals(fourth.data().messageId() + ":0")).data();
            assertThat(truncated.detail()).contains("summary failed");
            // And its model call got the newest messages that fit the budget, without the oldest one
            LoggedRequest last = inOrder(sentTo(model)).stream()
                    .filter(r -> !isSummary(r))
                    .reduce((a, b) -> b)
                    .orElseThrow();
            assertThat(last.getBodyAsString()).contains(text(4)).doesNotContain(text(1));
            assertThat(historyTokens(messages(last))).isLessThanOrEqualTo(BUDGET);
        }
    }

    private String tenantOn(String model) {
        String tenant = TestTenants.register(TestTenants.assistant(1, "Be brief.", List.of(new ModelChoice("openai",
                model, AssistantEmulatorResource.emulator.baseUrl(), null)), List.of(), BUDGET));
        TestTenants.awaitKnown(directory, tenant, 1);
        return tenant;
    }

    private List<CloudEvent<MessageReceived>> sendInTurn(EventProbe replies, String tenant, String conversation,
            int count) {
        List<CloudEvent<MessageReceived>> sent = new java.util.ArrayList<>();
        for (int i = 1; i <= count; i++) {
            CloudEvent<MessageReceived> message = message(tenant, conversation, text(i));
            Events.publish(kafka, message);
            awaitReply(replies, message);
            sent.add(message);
        }
        return sent;
    }

    /** 240 characters: 60 estimated tokens. */
    private static String text(int index) {
        String start = "Message " + index + " about tea: ";
        return (start + "green tea is best brewed below boiling point. ".repeat(10)).substring(0, 240);
    }

    private static boolean isSummary(LoggedRequest request) {
        return request.getBodyAsString().contains("You compress a conversation");
    }

    private static List<LoggedRequest> inOrder(List<LoggedRequest> requests) {
        return requests.stream().sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
    }

    /** Estimated tokens (characters / 4) of everything after the instructions. */
    private static int historyTokens(List<String> sent) {
        return sent.subList(1, sent.size())
                .stream()
                .mapToInt(m -> TokenEstimator.tokens(m.substring(m.indexOf(": ") + 2)))
                .sum();
    }
}
