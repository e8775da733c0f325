package ai.aleff.tenant.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.ApiKeyUsed;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.tenancy.ApiKeys;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.identity.KeycloakResource;
import ai.aleff.testkit.identity.RealmUsers;

/** The key list's lastUsedAt comes from the services' reports of key use. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(PostgresResource.class)
class ApiKeyUsageIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aReportedUseShowsAsLastUsedAtAndOlderOrForeignReportsChangeNothing() {
        // Given two tenants with a key each
        JsonPath created = newTenant();
        JsonPath otherCreated = newTenant();
        String tenant = created.getString("id");
        String other = otherCreated.getString("id");
        String key = created.getString("apiKey");
        String otherKey = otherCreated.getString("apiKey");
        Instant usedAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);

        // When a use of the key is reported, then an older one, and a report that names the wrong tenant for a key
        Events.publish(bootstrap, report(tenant, ApiKeys.hash(key), usedAt),
                report(tenant, ApiKeys.hash(key), usedAt.minusSeconds(3600)),
                report(tenant, ApiKeys.hash(otherKey), usedAt));
        // And, as a marker behind them on the same partition, a use of a key of the tenant created later
        String marker = createKey(tenant, "marker");
        Instant markerAt = usedAt.plusSeconds(1);
        Events.publish(bootstrap, report(tenant, ApiKeys.hash(marker), markerAt));

        // Then the list shows the reported use, not the older one
        await().atMost(WAIT).until(() -> lastUsed(tenant, "marker") != null);
        assertThat(lastUsed(tenant, "default")).isEqualTo(usedAt);
        assertThat(lastUsed(tenant, "marker")).isEqualTo(markerAt);
        // And the other tenant's key was not touched by a report naming the wrong tenant
        assertThat(lastUsed(other, "default")).isNull();
    }

    @Test
    void aMalformedReportIsSetAsideAndTheNextOneIsStillRead() {
        // Given a tenant with a key
        JsonPath created = newTenant();
        String tenant = created.getString("id");
        String key = created.getString("apiKey");
        Instant usedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        // When a record that is no report arrives before a valid one on the same partition
        Events.send(bootstrap, List.of(new ProducerRecord<>(Topics.API_KEY_USAGE, tenant,
                "{not json".getBytes(StandardCharsets.UTF_8))));
        Events.publish(bootstrap, report(tenant, ApiKeys.hash(key), usedAt));

        // Then the valid one is applied
        await().atMost(WAIT).until(() -> usedAt.equals(lastUsed(tenant, "default")));
    }

    private static CloudEvent<ApiKeyUsed> report(String tenantId, String keyHash, Instant usedAt) {
        String id = UUID.randomUUID().toString();
        return CloudEvent.of("channel-ingress", id, tenantId, null, usedAt, new ApiKeyUsed(id, tenantId, keyHash,
                usedAt));
    }

    private static String admin() {
        return RealmUsers.platformAdminToken();
    }

    /** A new tenant; its first key is named "default". */
    private static JsonPath newTenant() {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON)
                .body("{\"name\": \"Usage " + UUID.randomUUID() + "\"}").post("/v1/tenants").then().statusCode(201)
                .extract().jsonPath();
    }

    private static String createKey(String tenantId, String name) {
        return given().auth().oauth2(admin()).contentType(ContentType.JSON).body("{\"name\": \"" + name + "\"}")
                .post("/v1/tenants/{id}/api-keys", tenantId).then().statusCode(201).extract().path("apiKey");
    }

    private static Instant lastUsed(String tenantId, String name) {
        JsonPath list = given().auth().oauth2(admin()).get("/v1/tenants/{id}/api-keys", tenantId).then()
                .statusCode(200).extract().jsonPath();
        String at = list.getString("find { it.name == '" + name + "' }.lastUsedAt");
        return at == null ? null : Instant.parse(at);
    }
}
