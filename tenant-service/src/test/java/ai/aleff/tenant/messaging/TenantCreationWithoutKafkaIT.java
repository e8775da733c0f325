package ai.aleff.tenant.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.lessThan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.contracts.EventType;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.identity.KeycloakResource;
import ai.aleff.testkit.identity.RealmUsers;

/** Kafka unreachable: creation must still succeed, and the change must wait in the outbox rather than vanish. */
@QuarkusTest
@TestProfile(TenantCreationWithoutKafkaIT.KafkaUnreachable.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KeycloakResource.class)
class TenantCreationWithoutKafkaIT {

    private static final long PUBLISH_TIMEOUT_MS = 10_000;

    /** A broker address where nothing listens. */
    public static class KafkaUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:1", "aleff.kafka.bootstrap-servers", "127.0.0.1:1",
                    "aleff.kafka.provision-topics", "false",
                    "aleff.kafka.publish-timeout", PUBLISH_TIMEOUT_MS + "ms");
        }
    }

    @Inject
    Pool pool;

    @Test
    void creationSucceedsWhileKafkaIsDownAndTheConfigurationWaitsUnsentInTheOutbox() {
        // Given Kafka is unreachable
        // When an admin creates a tenant
        String tenantId = given().header("Authorization", "Bearer " + RealmUsers.platformAdminToken())
                .contentType("application/json")
                .body("{\"name\": \"Offline Inc\"}")
                .post("/v1/tenants")
                .then()
                // Then it is created without waiting for the broker
                .statusCode(201)
                .time(lessThan(PUBLISH_TIMEOUT_MS))
                .extract()
                .jsonPath()
                .getString("id");
        given().header("Authorization", "Bearer " + RealmUsers.platformAdminToken())
                .get("/v1/tenants/" + tenantId)
                .then()
                .statusCode(200);

        // And its configuration and audit events stay unsent, in order, across relay attempts, for later publication
        Awaitility.await()
                .during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(10))
                .until(() -> outboxRows(tenantId).equals(List.of(
                        EventType.TENANT_CONFIGURATION_CHANGED.ceType() + " unsent",
                        EventType.AUDIT_RECORD.ceType() + " unsent")));
        assertThat(outboxRows(tenantId)).hasSize(2);
    }

    private List<String> outboxRows(String tenantId) {
        List<String> rows = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT ce_type, sent_at FROM tenant.outbox WHERE tenant_id = $1 ORDER BY id")
                .execute(Tuple.of(tenantId))
                .await()
                .atMost(Duration.ofSeconds(10))) {
            rows.add(row.getString("ce_type") + (row.getValue("sent_at") == null ? " unsent" : " sent"));
        }
        return rows;
    }
}
