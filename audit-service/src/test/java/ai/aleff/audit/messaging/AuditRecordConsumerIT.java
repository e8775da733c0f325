package ai.aleff.audit.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.ExportedMetrics;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class AuditRecordConsumerIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @TestHTTPResource("/")
    URL baseUrl;

    @Test
    void malformedRecordsGoToTheDeadLetterTopicAndDoNotBlockTheNext() {
        Events.TestTenant tenant = Events.newTenant(kafka);
        String conversation = "conv-" + UUID.randomUUID();
        String key = Topics.conversationKey(tenant.tenantId(), conversation);
        try (EventProbe deadLetters = EventProbe.open(kafka, Topics.DEAD_LETTER)) {
            // Given a record without CloudEvents headers, a valid event with an invalid payload, and a good record,
            // all on the same key (so the same partition)
            AuditRecord noId = new AuditRecord(null, tenant.tenantId(), conversation, "svc", "x", null, null,
                    Instant.now());
            AuditRecord good = new AuditRecord(UUID.randomUUID().toString(), tenant.tenantId(), conversation,
                    "agent-worker", "message.accepted", "m1", "ok", Instant.now());
            Events.send(kafka, List.of(new ProducerRecord<>(Topics.AUDIT, key,
                    "not an event".getBytes(StandardCharsets.UTF_8))));
            Events.publish(kafka, CloudEvent.of("svc", UUID.randomUUID().toString(), tenant.tenantId(), conversation,
                    Instant.now(), noId));
            Events.publish(kafka, CloudEvent.of("agent-worker", good.recordId(), tenant.tenantId(), conversation,
                    good.occurredAt(), good));
            // Then both bad records are dead-lettered with a reason and their origin
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> deadLetters.records().stream().filter(r -> key.equals(r.key())).count() >= 2);
            List<ConsumerRecord<String, byte[]>> dead = deadLetters.records().stream()
                    .filter(r -> key.equals(r.key())).toList();
            assertThat(dead).hasSize(2);
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("not an event");
            assertThat(header(dead.get(0), "dead-letter-reason")).contains("Missing CloudEvents header");
            assertThat(header(dead.get(0), "dead-letter-topic")).isEqualTo(Topics.AUDIT);
            assertThat(header(dead.get(0), "dead-letter-consumer-group")).isEqualTo("audit-service");
            assertThat(header(dead.get(0), "dead-letter-channel")).isEqualTo("audit-records");
            assertThat(header(dead.get(1), "dead-letter-reason")).contains("without recordId");
            // And the good record behind them is stored and listed
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(tenant.apiKey())
                    .queryParam("conversationId", conversation).get("/v1/audit").then().extract().jsonPath()
                    .getList("records.recordId"), ids -> ids != null && ids.equals(List.of(good.recordId())));
        }
    }

    @Test
    void metricsCountStoredRecordsAndDeadLetters() {
        // Given a record that is no event, and a good audit record
        Events.TestTenant tenant = Events.newTenant(kafka);
        String conversation = "conv-" + UUID.randomUUID();
        AuditRecord good = new AuditRecord(UUID.randomUUID().toString(), tenant.tenantId(), conversation,
                "agent-worker", "message.accepted", "m1", "ok", Instant.now());

        // When both arrive
        Events.send(kafka, List.of(new ProducerRecord<>(Topics.AUDIT, Topics.conversationKey(tenant.tenantId(),
                conversation), "not an event".getBytes(StandardCharsets.UTF_8))));
        Events.publish(kafka, CloudEvent.of("agent-worker", good.recordId(), tenant.tenantId(), conversation,
                good.occurredAt(), good));

        // Then /q/metrics exports audit-service's committed list, with the dead letter counted
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = ExportedMetrics.text(baseUrl);
            assertThat(ExportedMetrics.names(scrape)).containsAll(ExportedMetrics.expected("audit-service"));
            assertThat(scrape).containsPattern("(?m)^aleff_consumer_dead_letters_total\\{[^}]*} [1-9]");
        });
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
