package ai.aleff.audit.messaging;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.SecuredBrokerProfile;
import ai.aleff.testkit.SecuredKafkaBroker;

/**
 * audit-service on a broker that accepts only authenticated clients, configured through the {@code kafka.*}
 * properties alone: the batch channel, the tenant directory and the dead-letter producer all authenticate.
 */
@QuarkusTest
@TestProfile(SecuredBrokerProfile.class)
class SecuredBrokerIT {

    private static final Map<String, String> PLATFORM = SecuredKafkaBroker.clientConfig();

    @Test
    void recordsAreStoredAndMalformedOnesDeadLetteredOverTheSecuredBroker() {
        // Given a tenant published to the secured broker
        Events.TestTenant tenant = Events.newTenant(PLATFORM);
        String conversation = "conv-" + UUID.randomUUID();
        String key = Topics.conversationKey(tenant.tenantId(), conversation);
        AuditRecord good = new AuditRecord(UUID.randomUUID().toString(), tenant.tenantId(), conversation,
                "agent-worker", "message.accepted", "m1", "ok", Instant.now());
        try (EventProbe deadLetters = EventProbe.open(PLATFORM, Topics.DEAD_LETTER)) {
            // When a record without CloudEvents headers and a good record arrive on the same partition
            Events.send(PLATFORM, List.of(new ProducerRecord<>(Topics.AUDIT, key,
                    "not an event".getBytes(StandardCharsets.UTF_8))));
            Events.publish(PLATFORM, CloudEvent.of("agent-worker", good.recordId(), tenant.tenantId(), conversation,
                    good.occurredAt(), good));

            // Then the bad one is dead-lettered
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> deadLetters.records().stream().anyMatch(r -> key.equals(r.key())));
            // And the good one is stored and listed to its tenant
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> given().auth()
                            .oauth2(tenant.apiKey())
                            .queryParam("conversationId", conversation)
                            .get("/v1/audit")
                            .then()
                            .extract()
                            .jsonPath()
                            .getList("records.recordId"), ids -> ids != null && ids.equals(List.of(good.recordId())));
        }
    }
}
