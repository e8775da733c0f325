package ai.aleff.tools.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.ToolCallCompleted;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.ExportedMetrics;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class ToolRequestConsumerIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @TestHTTPResource("/")
    URL baseUrl;

    @Test
    void calculatorRequestIsAnsweredWithItsResultAndAudited() {
        try (EventProbe results = EventProbe.open(kafka, Topics.TOOL_RESULTS);
                EventProbe audit = EventProbe.open(kafka, Topics.AUDIT)) {
            // Given a calculator call
            ToolCallRequested request = request("calculator", "{\"expression\":\"2*(3+4)\"}");
            // When it is requested
            Events.publish(kafka, event(request));
            // Then the result is published on the conversation's key, and the call is audited
            CloudEvent<ToolCallCompleted> result = awaitResult(results, request);
            assertThat(result.data().status()).isEqualTo(ToolCallCompleted.Status.OK);
            assertThat(result.data().result()).isEqualTo("14");
            assertThat(result.data().error()).isNull();
            assertThat(result.data().turnId()).isEqualTo(request.turnId());
            assertThat(result.key()).isEqualTo(Topics.conversationKey(request.tenantId(), request.conversationId()));
            CloudEvent<AuditRecord> record = audit.awaitOne(AuditRecord.class,
                    r -> r.subjectId().equals(request.callId()));
            assertThat(record.data().action()).isEqualTo("tool.completed");
            assertThat(record.data().service()).isEqualTo("tool-executor");
            assertThat(record.data().tenantId()).isEqualTo(request.tenantId());
            assertThat(record.data().conversationId()).isEqualTo(request.conversationId());
        }
    }

    @Test
    void timeNowRequestIsAnsweredWithTheTimeInTheZone() {
        try (EventProbe results = EventProbe.open(kafka, Topics.TOOL_RESULTS)) {
            // Given a time_now call for Lisbon
            ToolCallRequested request = request("time_now", "{\"timezone\":\"Europe/Lisbon\"}");
            Instant before = Instant.now().minusSeconds(1);
            // When it is requested
            Events.publish(kafka, event(request));
            // Then the result is the current time in that zone
            ToolCallCompleted result = awaitResult(results, request).data();
            assertThat(result.status()).isEqualTo(ToolCallCompleted.Status.OK);
            ZonedDateTime time = ZonedDateTime.parse(result.result());
            assertThat(time.getZone().getId()).isEqualTo("Europe/Lisbon");
            assertThat(time.toInstant()).isBetween(before, Instant.now().plusSeconds(1));
        }
    }

    @Test
    void metricsCountToolCallsPerToolAndOutcome() {
        try (EventProbe results = EventProbe.open(kafka, Topics.TOOL_RESULTS)) {
            // Given a calculator call that succeeds and one whose expression it cannot read
            ToolCallRequested ok = request("calculator", "{\"expression\":\"1+1\"}");
            ToolCallRequested failing = request("calculator", "{\"expression\":\"1+\"}");

            // When both are requested and answered
            Events.publish(kafka, event(ok), event(failing));
            awaitResult(results, ok);
            awaitResult(results, failing);

            // Then /q/metrics exports every series tool-executor's committed list names, errors counted apart
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String scrape = ExportedMetrics.text(baseUrl);
                assertThat(ExportedMetrics.names(scrape)).containsAll(ExportedMetrics.expected("tool-executor"));
                assertThat(scrape)
                        .containsPattern("aleff_tool_calls_total\\{[^}]*outcome=\"error\"[^}]*tool=\"calculator\"");
            });
        }
    }

    @Test
    void unknownToolIsAnsweredWithAnErrorAndAuditedAsFailed() {
        try (EventProbe results = EventProbe.open(kafka, Topics.TOOL_RESULTS);
                EventProbe audit = EventProbe.open(kafka, Topics.AUDIT)) {
            // Given a call to a tool that does not exist
            ToolCallRequested request = request("rm_rf", "{}");
            // When it is requested
            Events.publish(kafka, event(request));
            // Then an ERROR result names the tool, and the audit says it failed
            ToolCallCompleted result = awaitResult(results, request).data();
            assertThat(result.status()).isEqualTo(ToolCallCompleted.Status.ERROR);
            assertThat(result.error()).startsWith("unknown tool 'rm_rf'");
            assertThat(result.result()).isNull();
            assertThat(audit.awaitOne(AuditRecord.class, r -> r.subjectId().equals(request.callId())).data()
                    .action()).isEqualTo("tool.failed");
        }
    }

    @Test
    void invalidJsonArgumentsAreAnsweredWithAnError() {
        try (EventProbe results = EventProbe.open(kafka, Topics.TOOL_RESULTS)) {
            // Given calls whose arguments are not JSON, or not a JSON object
            ToolCallRequested broken = request("calculator", "{\"expression\": \"1+1\"");
            ToolCallRequested array = request("calculator", "[\"1+1\"]");
            // When they are requested
            Events.publish(kafka, event(broken), event(array));
            // Then each gets a clear ERROR
            assertThat(awaitResult(results, broken).data().error()).isEqualTo("arguments are not valid JSON");
            assertThat(awaitResult(results, array).data().error()).isEqualTo("arguments must be a JSON object");
        }
    }

    @Test
    void redeliveredRequestRepublishesTheSameResultWithTheSameEventId() {
        try (EventProbe results = EventProbe.open(kafka, Topics.TOOL_RESULTS)) {
            // Given a request delivered twice (same CloudEvent, same call id and idempotency key)
            ToolCallRequested request = request("time_now", "{}");
            // When both deliveries are processed
            Events.publish(kafka, event(request), event(request));
            // Then both answers are identical, with one event id that downstream deduplicates on
            List<CloudEvent<ToolCallCompleted>> answers = results.await(ToolCallCompleted.class,
                    c -> c.callId().equals(request.callId()), 2);
            assertThat(answers).hasSize(2);
            assertThat(answers.get(1).id()).isEqualTo(answers.get(0).id());
            assertThat(answers.get(1).data()).isEqualTo(answers.get(0).data());
        }
    }

    @Test
    void malformedRecordGoesToTheDeadLetterTopicAndTheNextRequestIsStillAnswered() {
        try (EventProbe results = EventProbe.open(kafka, Topics.TOOL_RESULTS);
                EventProbe deadLetters = EventProbe.open(kafka, Topics.DEAD_LETTER)) {
            // Given a record without CloudEvents headers, followed on the same key by a valid request
            ToolCallRequested request = request("calculator", "{\"expression\":\"1+1\"}");
            String key = Topics.conversationKey(request.tenantId(), request.conversationId());
            Events.send(kafka, List.of(new ProducerRecord<>(Topics.TOOL_REQUESTS, key,
                    "{\"garbage\":true}".getBytes(StandardCharsets.UTF_8))));
            Events.publish(kafka, event(request));
            // Then the malformed record is dead-lettered with its key
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> deadLetters.records().stream().anyMatch(r -> key.equals(r.key())));
            ConsumerRecord<String, byte[]> dead = deadLetters.records().stream().filter(r -> key.equals(r.key()))
                    .findFirst().orElseThrow();
            assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{\"garbage\":true}");
            // And it names the consumer that gave up on it
            assertThat(new String(dead.headers().lastHeader("dead-letter-consumer-group").value(),
                    StandardCharsets.UTF_8)).isEqualTo("tool-executor");
            assertThat(new String(dead.headers().lastHeader("dead-letter-channel").value(), StandardCharsets.UTF_8))
                    .isEqualTo("tool-requests");
            // And the request behind it on the same partition is answered
            assertThat(awaitResult(results, request).data().result()).isEqualTo("2");
        }
    }

    private static CloudEvent<ToolCallCompleted> awaitResult(EventProbe results, ToolCallRequested request) {
        return results.awaitOne(ToolCallCompleted.class, c -> c.callId().equals(request.callId()));
    }

    private static ToolCallRequested request(String tool, String arguments) {
        String turn = "turn-" + UUID.randomUUID();
        return new ToolCallRequested("call-" + UUID.randomUUID(), "t-" + UUID.randomUUID(),
                "conv-" + UUID.randomUUID(), turn, "user-1", turn + ":0", tool, arguments, Instant.now());
    }

    private static CloudEvent<ToolCallRequested> event(ToolCallRequested request) {
        return CloudEvent.of("agent-worker", request.callId(), request.tenantId(), request.conversationId(),
                request.requestedAt(), request);
    }
}
