package ai.aleff.agent.turn;

import static ai.aleff.agent.testing.Inbound.awaitReply;
import static ai.aleff.agent.testing.Inbound.message;
import static ai.aleff.agent.testing.ModelRequests.json;
import static ai.aleff.agent.testing.ModelRequests.messages;
import static ai.aleff.agent.testing.ModelRequests.sentTo;
import static ai.aleff.agent.testing.ModelRequests.stub;
import static ai.aleff.agent.testing.ModelRequests.to;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import ai.aleff.agent.testing.AssistantEmulatorProfile;
import ai.aleff.agent.testing.AssistantEmulatorResource;
import ai.aleff.agent.testing.Inbound;
import ai.aleff.agent.testing.TestTenants;
import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AssistantConfiguration.ModelChoice;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.tenancy.TenantDirectory;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.OpenAiEmulator;
import ai.aleff.testkit.PostgresResource;

/** A tool whose result never comes is timed out by the worker (2 s in this profile) and the turn goes on. */
@QuarkusTest
@TestProfile(AssistantEmulatorProfile.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class ToolTimeoutIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    TenantDirectory directory;

    @Test
    void turnRepliesAfterTheToolTimesOutAndTheLateResultIsIgnored() {
        try (EventProbe requests = EventProbe.open(kafka, Topics.TOOL_REQUESTS);
                EventProbe replies = EventProbe.open(kafka, Topics.CONVERSATION_OUTBOUND);
                EventProbe audit = EventProbe.open(kafka, Topics.AUDIT)) {
            // Given a model that asks for the time first and answers once a tool result is in, and no tool-executor
            String model = "timeout-model-" + UUID.randomUUID();
            stub(to(model).atPriority(1)
                    .withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
                    .willReturn(json(OpenAiEmulator.textResponse("The clock did not answer."))));
            stub(to(model).atPriority(5).willReturn(json(OpenAiEmulator.toolCallResponse("call_clock", "time_now",
                    Map.of("timezone", "UTC")))));
            String tenant = TestTenants.register(TestTenants.assistant(1, null, List.of(new ModelChoice("openai",
                    model, AssistantEmulatorResource.emulator.baseUrl(), null)), List.of(), null));
            TestTenants.awaitKnown(directory, tenant, 1);
            String conversation = "conv-" + UUID.randomUUID();

            // When the user asks and the tool is requested
            CloudEvent<MessageReceived> question = message(tenant, conversation, "What time is it?");
            Instant asked = Instant.now();
            Events.publish(kafka, question);
            ToolCallRequested request = requests.awaitOne(ToolCallRequested.class,
                    r -> r.turnId().equals(question.data().messageId())).data();

            // Then, after the tool timeout, the model is told the tool timed out and the turn replies
            ReplyReady reply = awaitReply(replies, question);
            assertThat(reply.text()).isEqualTo("The clock did not answer.");
            assertThat(Duration.between(asked, reply.createdAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
            assertThat(messages(sentTo(model).getLast())).last()
                    .isEqualTo("tool: ERROR: tool time_now timed out after 2 s");
            AuditRecord timedOut = audit.awaitOne(AuditRecord.class, a -> a.action().equals("tool.timeout")
                    && a.subjectId().equals(request.callId())).data();
            assertThat(timedOut.detail()).isEqualTo("tool=time_now");

            // And when the real result arrives late (and the worker has consumed it), then another message
            Events.publish(kafka, Inbound.toolResult(request, "12:00 UTC"));
            awaitToolResultsConsumed();
            CloudEvent<MessageReceived> next = message(tenant, conversation, "and now?");
            Events.publish(kafka, next);
            awaitReply(replies, next);

            // Then the late result changed nothing: one reply to the question, and the model never saw it
            assertThat(replies.events(ReplyReady.class, r -> r.inReplyTo().equals(question.data().messageId())))
                    .hasSize(1);
            assertThat(sentTo(model)).noneMatch(r -> r.getBodyAsString().contains("12:00 UTC"));
        }
    }

    /** Waits until the worker's group has committed every record of the tool results topic. */
    private void awaitToolResultsConsumed() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("agent-worker")
                        .partitionsToOffsetAndMetadata()
                        .get();
                List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.TOOL_RESULTS))
                        .allTopicNames()
                        .get()
                        .get(Topics.TOOL_RESULTS)
                        .partitions()
                        .stream()
                        .map(p -> new TopicPartition(Topics.TOOL_RESULTS, p.partition()))
                        .toList();
                Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                return partitions.stream().allMatch(p -> ends.get(p).offset() == 0 || (committed.get(p) != null
                        && committed.get(p).offset() >= ends.get(p).offset()));
            });
        }
    }
}
