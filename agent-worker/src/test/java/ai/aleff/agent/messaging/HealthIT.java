package ai.aleff.agent.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

/** The readiness endpoint operators and Kubernetes probe. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class HealthIT {

    @Test
    void readinessIsUpAndIncludesTheDatabaseAndTheTenantDirectory() {
        // Given a worker connected to Kafka and PostgreSQL, reading the tenant configuration topic
        // When readiness is asked for (the directory needs a moment to read the topic to its end)
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> given().when().get("/q/health/ready").statusCode() == 200);

        // Then it is UP and both the database and the tenant directory are part of it
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"))
                .body("checks.name", hasItem("tenant-directory"));
    }
}
