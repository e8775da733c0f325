package ai.aleff.ingress;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import ai.aleff.testkit.Events;

/** Test tenants and request bodies for the ingress API. */
public final class TestTenants {

    private TestTenants() {
    }

    /** A new tenant whose API key this service already accepts. */
    public static Events.TestTenant register(String bootstrapServers) {
        return register(Map.of("bootstrap.servers", bootstrapServers));
    }

    /** {@link #register(String)} with any Kafka client properties, e.g. credentials for a secured broker. */
    public static Events.TestTenant register(Map<String, ?> kafkaClientConfig) {
        Events.TestTenant tenant = Events.newTenant(kafkaClientConfig);
        // A working key turns the 401 into a 404 for a conversation the new tenant cannot have yet.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                        .oauth2(tenant.apiKey())
                        .get("/v1/conversations/{id}/messages", newConversationId())
                        .statusCode() == 404);
        return tenant;
    }

    public static String newConversationId() {
        return "conv-" + UUID.randomUUID();
    }

    /** A valid message body; pass null to leave a field out. */
    public static Map<String, Object> message(String conversationId, String text, String clientMessageId) {
        Map<String, Object> body = new HashMap<>();
        body.put("conversationId", conversationId);
        body.put("userId", "user-1");
        body.put("text", text);
        if (clientMessageId != null) {
            body.put("clientMessageId", clientMessageId);
        }
        return body;
    }
}
