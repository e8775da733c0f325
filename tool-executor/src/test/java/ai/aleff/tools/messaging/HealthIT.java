package ai.aleff.tools.messaging;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

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
    void readinessIsUpAndIncludesTheDatabase() {
        // Given an executor connected to Kafka and PostgreSQL
        // When readiness is asked for
        // Then it is UP and the database check is part of it
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Reactive PostgreSQL connections health check"));
    }
}
