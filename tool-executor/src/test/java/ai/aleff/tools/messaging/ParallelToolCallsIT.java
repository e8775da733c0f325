package ai.aleff.tools.messaging;

import static ai.aleff.tools.testing.ToolRequests.event;
import static ai.aleff.tools.testing.ToolRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.ToolCallCompleted;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.tools.testing.CountingTool;
import ai.aleff.tools.testing.RendezvousTool;

/** Calls of one conversation share a partition, and still run at the same time. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class ParallelToolCallsIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    ToolRequestConsumer consumer;

    @Test
    void threeCallsOfOneConversationRunAtTheSameTime() {
        try (EventProbe results = EventProbe.open(kafka, Topics.TOOL_RESULTS)) {
            // Given a model asking for three tools at once in one conversation (one partition); each call returns
            // only when all three are running at the same time
            String tenant = "t-" + UUID.randomUUID();
            String conversation = "conv-" + UUID.randomUUID();
            String arguments = "{\"group\":\"" + UUID.randomUUID() + "\",\"parties\":3}";
            List<ToolCallRequested> calls = List.of(
                    request(tenant, conversation, "ana", RendezvousTool.NAME, arguments),
                    request(tenant, conversation, "ana", RendezvousTool.NAME, arguments),
                    request(tenant, conversation, "ana", RendezvousTool.NAME, arguments));
            // When they are requested
            Events.publish(kafka, calls.stream().map(c -> event(c)).toArray(CloudEvent[]::new));
            // Then all three succeed, which they can only do together, and their run times overlap
            List<ToolCallCompleted> answers = calls.stream()
                    .map(c -> results.awaitOne(ToolCallCompleted.class, r -> r.callId().equals(c.callId())).data())
                    .toList();
            assertThat(answers).extracting(ToolCallCompleted::status)
                    .as("%s", answers)
                    .containsOnly(ToolCallCompleted.Status.OK);
            Instant lastStart = answers.stream().map(a -> Instant.parse(a.result().split("/")[0]))
                    .max(Instant::compareTo).orElseThrow();
            Instant firstEnd = answers.stream().map(a -> Instant.parse(a.result().split("/")[1]))
                    .min(Instant::compareTo).orElseThrow();
            assertThat(lastStart).isBeforeOrEqualTo(firstEnd);
        }
    }

    @Test
    void duplicatesRacingARunningCallWaitForItsOutcomeAndTheToolRunsOnce() {
        try (EventProbe results = EventProbe.open(kafka, Topics.TOOL_RESULTS)) {
            // Given a call that holds until released, delivered three times
            String counter = "c-" + UUID.randomUUID();
            ToolCallRequested request = request(CountingTool.NAME, "{\"counter\":\"" + counter + "\",\"gate\":true}");
            Events.publish(kafka, event(request), event(request), event(request));
            // When all three deliveries are in flight together while the first run holds
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> CountingTool.runs(counter) == 1 && consumer.inFlight() >= 3);
            CountingTool.open(counter);
            // Then all three are answered with the one run's outcome
            List<CloudEvent<ToolCallCompleted>> answers = results.await(ToolCallCompleted.class,
                    c -> c.callId().equals(request.callId()), 3);
            assertThat(answers).extracting(a -> a.data().result()).containsOnly("run 1");
            assertThat(CountingTool.runs(counter)).isEqualTo(1);
        }
    }
}
