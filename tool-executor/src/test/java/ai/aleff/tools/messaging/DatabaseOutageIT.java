package ai.aleff.tools.messaging;

import static ai.aleff.tools.testing.ToolRequests.awaitResult;
import static ai.aleff.tools.testing.ToolRequests.event;
import static ai.aleff.tools.testing.ToolRequests.request;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.ToolCallCompleted;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.tools.testing.ProxiedPostgresResource;
import ai.aleff.tools.testing.TcpProxy;

/** PostgreSQL going away loses no request: it is retried, not dead-lettered, and answered once it is back. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(ProxiedPostgresResource.class)
class DatabaseOutageIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    TcpProxy database;

    @AfterEach
    void reconnect() {
        database.restore();
    }

    @Test
    void aRequestArrivingWhileTheDatabaseIsUnreachableIsAnsweredOnceItIsBack() {
        try (EventProbe results = EventProbe.open(kafka, Topics.TOOL_RESULTS);
                EventProbe deadLetters = EventProbe.open(kafka, Topics.DEAD_LETTER)) {
            // Given an unreachable database
            database.cut();
            // When a remember request arrives
            ToolCallRequested request = request("remember", "{\"fact\":\"Arrived during the outage\"}");
            Events.publish(kafka, event(request));
            // Then the executor keeps trying (connections refused), and readiness reports the database down
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> database.refused() >= 3);
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> given().get("/q/health/ready").statusCode() == 503);
            // And once the database is back, the request is answered, never dead-lettered
            database.restore();
            ToolCallCompleted answer = awaitResult(results, request).data();
            assertThat(answer.status()).isEqualTo(ToolCallCompleted.Status.OK);
            assertThat(answer.result()).startsWith("Remembered [").endsWith("Arrived during the outage");
            String key = Topics.conversationKey(request.tenantId(), request.conversationId());
            assertThat(deadLetters.records()).noneMatch(r -> key.equals(r.key()));
        }
    }
}
