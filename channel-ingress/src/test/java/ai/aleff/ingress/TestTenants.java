package ai.aleff.ingress;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.contracts.events.TenantLimits;
import ai.aleff.contracts.events.WidgetAppearance;
import ai.aleff.contracts.events.WidgetSettings;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.tenancy.ApiKeys;
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

    /** A tenant with its own limits and {@code keys} API keys, registered like {@link #register(String)}. */
    public static LimitedTenant registerWithLimits(String bootstrapServers, TenantLimits limits, int keys) {
        String tenantId = "t-" + UUID.randomUUID();
        List<String> apiKeys = IntStream.range(0, keys).mapToObj(i -> ApiKeys.generate()).toList();
        LimitedTenant tenant = new LimitedTenant(tenantId, apiKeys);
        publishLimits(bootstrapServers, tenant, limits, 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                        .oauth2(apiKeys.get(0))
                        .get("/v1/conversations/{id}/messages", newConversationId())
                        .statusCode() == 404);
        return tenant;
    }

    /** Publishes the tenant's configuration with these limits at this version, as tenant-service does. */
    public static void publishLimits(String bootstrapServers, LimitedTenant tenant, TenantLimits limits,
            long version) {
        Events.publish(bootstrapServers, CloudEvent.of("tenant-service", UUID.randomUUID().toString(),
                tenant.tenantId(), null, Instant.now(), new TenantConfigurationChanged(tenant.tenantId(),
                        "Limited " + tenant.tenantId(), TenantConfigurationChanged.Status.ACTIVE,
                        tenant.apiKeys().stream().map(ApiKeys::hash).toList(), version, Instant.now(), null,
                        Map.of(), limits)));
    }

    /**
     * A new tenant whose web chat widget this service already serves to pages of {@code allowedOrigin}, with anonymous
     * visitors allowed, as tenant-service would publish it.
     */
    public static Events.TestTenant registerWithWidget(String bootstrapServers, String allowedOrigin) {
        return registerWithWidget(bootstrapServers, allowedOrigin, null);
    }

    /** As {@link #registerWithWidget(String, String)}, with the widget's appearance (null: the defaults). */
    public static Events.TestTenant registerWithWidget(String bootstrapServers, String allowedOrigin,
            WidgetAppearance appearance) {
        String tenantId = "t-" + UUID.randomUUID();
        String apiKey = ApiKeys.generate();
        Events.publish(bootstrapServers, CloudEvent.of("tenant-service", UUID.randomUUID().toString(), tenantId, null,
                Instant.now(), new TenantConfigurationChanged(tenantId, "Widget " + tenantId,
                        TenantConfigurationChanged.Status.ACTIVE, List.of(ApiKeys.hash(apiKey)), 1, Instant.now(),
                        null, Map.of(), null, null, new WidgetSettings(List.of(allowedOrigin), true, appearance))));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().header("Origin", allowedOrigin)
                        .contentType("application/json")
                        .body("{}")
                        .post("/widget/v1/{tenantId}/session", tenantId)
                        .statusCode() == 200);
        return new Events.TestTenant(tenantId, apiKey);
    }

    /** A test tenant with several keys. */
    public record LimitedTenant(String tenantId, List<String> apiKeys) {

        public Events.TestTenant key(int index) {
            return new Events.TestTenant(tenantId, apiKeys.get(index));
        }
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
