package ai.aleff.tenant.messaging;

import static ai.aleff.tenant.messaging.TestOutbox.awaitOutboxDrained;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;

import ai.aleff.contracts.CloudEventAttributes;
import ai.aleff.contracts.EventType;
import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.tenancy.ApiKeys;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.identity.KeycloakResource;
import ai.aleff.testkit.identity.RealmUsers;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KeycloakResource.class)
class TenantConfigurationPublishingIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Test
    void creatingATenantPublishesItsConfigurationAsACloudEventKeyedByTenant() {
        try (EventProbe probe = EventProbe.open(bootstrapServers, Topics.TENANT_CONFIG)) {
            // Given a tenant created through the admin API
            JsonPath created = create("{\"name\": \"Hooli\"}");
            String tenantId = created.getString("id");
            String apiKey = created.getString("apiKey");

            // When its configuration reaches the compacted topic
            CloudEvent<TenantConfigurationChanged> event = probe.awaitOne(TenantConfigurationChanged.class,
                    c -> c.tenantId().equals(tenantId));

            // Then it carries the whole configuration with the hash of the returned key, never the key
            assertThat(event.data().name()).isEqualTo("Hooli");
            assertThat(event.data().status()).isEqualTo(TenantConfigurationChanged.Status.ACTIVE);
            assertThat(event.data().apiKeyHashes()).containsExactly(ApiKeys.hash(apiKey));
            assertThat(event.data().version()).isEqualTo(1);
            assertThat(event.tenantId()).isEqualTo(tenantId);
            assertThat(event.conversationId()).isNull();
            assertThat(event.source()).hasToString("/aleff/tenant-service");

            // And the record is keyed by tenant id with the CloudEvents binary-mode headers
            ConsumerRecord<String, byte[]> record = recordOf(probe, event.id());
            assertThat(record.key()).isEqualTo(tenantId);
            assertThat(header(record, CloudEventAttributes.SPECVERSION)).isEqualTo("1.0");
            assertThat(header(record, CloudEventAttributes.TYPE))
                    .isEqualTo(EventType.TENANT_CONFIGURATION_CHANGED.ceType());
            assertThat(header(record, CloudEventAttributes.SOURCE)).isEqualTo("/aleff/tenant-service");
            assertThat(header(record, CloudEventAttributes.TENANT_ID)).isEqualTo(tenantId);
            assertThat(header(record, CloudEventAttributes.TIME)).isNotBlank();
            assertThat(header(record, CloudEventAttributes.CONTENT_TYPE)).isEqualTo("application/json");
            assertThat(record.headers().lastHeader(CloudEventAttributes.CONVERSATION_ID)).isNull();
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(apiKey);
        }
    }

    @Test
    void creatingATenantPublishesAnAuditRecord() {
        try (EventProbe probe = EventProbe.open(bootstrapServers, Topics.AUDIT)) {
            // Given a tenant created through the admin API
            JsonPath created = create("{\"name\": \"Pied Piper\"}");
            String tenantId = created.getString("id");

            // Then a tenant-level audit record says so, without the key
            CloudEvent<AuditRecord> event = probe.awaitOne(AuditRecord.class, r -> r.tenantId().equals(tenantId));
            assertThat(event.data().action()).isEqualTo("tenant.created");
            assertThat(event.data().service()).isEqualTo("tenant-service");
            assertThat(event.data().subjectId()).isEqualTo(tenantId);
            assertThat(event.data().conversationId()).isNull();
            assertThat(event.id()).isEqualTo(event.data().recordId());
            assertThat(event.data().detail()).doesNotContain(created.getString("apiKey"));
            assertThat(recordOf(probe, event.id()).key()).isEqualTo(tenantId);
        }
    }

    @Test
    void rejectedRequestsPublishNothing() {
        // Given every earlier change is already on the topics
        awaitOutboxDrained(pool);
        try (EventProbe config = EventProbe.open(bootstrapServers, Topics.TENANT_CONFIG);
                EventProbe audit = EventProbe.open(bootstrapServers, Topics.AUDIT)) {

            // When invalid and unauthenticated requests are made, followed by one valid creation as a marker
            for (String body : List.of("{\"name\": ", "{}", "{\"name\": \"  \"}", "{\"name\": 7}", "[]",
                    "{\"name\": \"" + "z".repeat(201) + "\"}")) {
                given().header("Authorization", "Bearer " + RealmUsers.platformAdminToken())
                        .contentType("application/json")
                        .body(body)
                        .post("/v1/tenants")
                        .then()
                        .statusCode(400);
            }
            given().contentType("application/json").body("{\"name\": \"Sneaky\"}").post("/v1/tenants").then()
                    .statusCode(401);
            given().header("Authorization", "Bearer nope")
                    .contentType("application/json")
                    .body("{\"name\": \"Sneaky\"}")
                    .post("/v1/tenants")
                    .then()
                    .statusCode(401);
            String marker = create("{\"name\": \"Marker\"}").getString("id");

            // Then, since the outbox publishes in order, the marker's events are the only ones that appeared
            config.awaitOne(TenantConfigurationChanged.class, c -> c.tenantId().equals(marker));
            audit.awaitOne(AuditRecord.class, r -> r.tenantId().equals(marker));
            assertThat(config.records()).extracting(ConsumerRecord::key).containsExactly(marker);
            assertThat(audit.records()).extracting(ConsumerRecord::key).containsExactly(marker);
        }
    }

    @Test
    void republishingPublishesEveryTenantAgainAndOvertakesANewerVersionOnTheTopic() throws Exception {
        try (EventProbe probe = EventProbe.open(bootstrapServers, Topics.TENANT_CONFIG)) {
            // Given two tenants, and on the topic a later version of the first than its row holds, as after a
            // restored backup whose Kafka kept a change made since
            String ahead = create("{\"name\": \"Ahead\"}").getString("id");
            String level = create("{\"name\": \"Level\"}").getString("id");
            CloudEvent<TenantConfigurationChanged> first = probe.awaitOne(TenantConfigurationChanged.class,
                    c -> c.tenantId().equals(ahead));
            probe.awaitOne(TenantConfigurationChanged.class, c -> c.tenantId().equals(level));
            ConsumerRecord<String, byte[]> original = recordOf(probe, first.id());
            ObjectNode newer = (ObjectNode) json.readTree(original.value());
            newer.put("version", 7).put("name", "Renamed after the backup");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), new StringSerializer(),
                    new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.TENANT_CONFIG, null, ahead, json.writeValueAsBytes(newer),
                        original.headers())).get();
            }

            // When a tenant administrator tries the pass, and then a platform administrator runs it
            given().header("Authorization", "Bearer " + RealmUsers.token(RealmUsers.tenantAdmin(ahead)))
                    .post("/v1/platform/tenants/republish")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
            JsonPath report = given().header("Authorization", "Bearer " + RealmUsers.platformAdminToken())
                    .post("/v1/platform/tenants/republish")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();

            // Then the first tenant is published one above the topic's version, with its row's state, and stored so
            assertThat(report.getInt("versionsRaised")).isEqualTo(1);
            assertThat(report.getInt("failed")).isZero();
            assertThat(report.getInt("tenants")).isGreaterThanOrEqualTo(2);
            CloudEvent<TenantConfigurationChanged> raised = probe.awaitOne(TenantConfigurationChanged.class,
                    c -> c.tenantId().equals(ahead) && c.version() == 8);
            assertThat(raised.data().name()).isEqualTo("Ahead");
            assertThat(raised.data().apiKeyHashes()).isEqualTo(first.data().apiKeyHashes());
            given().header("Authorization", "Bearer " + RealmUsers.platformAdminToken())
                    .get("/v1/tenants/" + ahead)
                    .then()
                    .statusCode(200)
                    .body("version", org.hamcrest.Matchers.equalTo(8));

            // And the second tenant, which the topic had at its own version, is published again at that version
            assertThat(probe.await(TenantConfigurationChanged.class, c -> c.tenantId().equals(level), 2))
                    .extracting(e -> e.data().version())
                    .containsExactly(1L, 1L);
        }
    }

    private static JsonPath create(String body) {
        return given().header("Authorization", "Bearer " + RealmUsers.platformAdminToken())
                .contentType("application/json")
                .body(body)
                .post("/v1/tenants")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
    }

    private static ConsumerRecord<String, byte[]> recordOf(EventProbe probe, String eventId) {
        return probe.records()
                .stream()
                .filter(r -> eventId.equals(header(r, CloudEventAttributes.ID)))
                .findFirst()
                .orElseThrow();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
