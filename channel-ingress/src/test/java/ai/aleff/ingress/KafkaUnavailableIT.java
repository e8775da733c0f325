package ai.aleff.ingress;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import ai.aleff.testkit.Events;
import ai.aleff.testkit.PostgresResource;

@QuarkusTest
@TestProfile(KafkaUnavailableIT.OwnBroker.class)
@QuarkusTestResource(PostgresResource.class)
class KafkaUnavailableIT {

    /** This test's own broker, which it stops; a short publish timeout keeps the failure fast. */
    public static class OwnBroker implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aleff.kafka.publish-timeout", "2s");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DedicatedKafkaResource.class));
        }
    }

    AutoCloseable dedicatedBroker;
    String dedicatedBootstrap;

    @Test
    void messageIsRefusedWith503AndNotShownWhenKafkaIsDown() throws Exception {
        // Given: a tenant whose message is accepted while the broker is up
        Events.TestTenant tenant = TestTenants.register(dedicatedBootstrap);
        String earlier = TestTenants.newConversationId();
        String earlierId = MessagesResourceIT.accept(tenant, TestTenants.message(earlier, "before", null));

        // When: the broker goes away
        dedicatedBroker.close();
        String conversationId = TestTenants.newConversationId();

        // Then: refused as unavailable, with a hint when to retry, and nothing reported as accepted
        MessagesResourceIT.post(tenant, TestTenants.message(conversationId, "during outage", "retry-me"))
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("status", equalTo(503));
        given().auth()
                .oauth2(tenant.apiKey())
                .get("/v1/conversations/{id}/messages", conversationId)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(tenant.apiKey())
                .get("/v1/conversations/{id}/messages", earlier)
                .then()
                .statusCode(200)
                .body("messages.messageId", equalTo(List.of(earlierId)));
    }
}
