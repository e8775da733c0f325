package ai.aleff.e2e.isolation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.PlatformService;
import ai.aleff.e2e.SharedPlatform;
import ai.aleff.testkit.identity.RealmUsers;

/** Prepares the matrix's tenants and resources as a platform administrator would, through the public APIs. */
final class MatrixSetup {

    // The services learn a tenant's keys and status from Kafka; a first turn also warms up five JVMs.
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final LocalPlatform platform;

    MatrixSetup(LocalPlatform platform) {
        this.platform = platform;
        SharedPlatform.telegramConnect().bot(BOT_TOKEN, 7_123_456_789L, "matrix_bot");
    }

    /** A tenant with an assistant version, a conversation with one message, and its keys known to every service. */
    MatrixTenant tenant(String label) {
        String marker = UUID.randomUUID().toString().replace("-", "");
        String name = "iso-" + label + "-" + marker.substring(0, 12);
        var created = admin().contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .post("/v1/tenants")
                .then()
                .statusCode(201)
                .extract();
        String id = created.path("id");
        String apiKey = created.path("apiKey");
        String instructions = "Instructions of " + label + " " + marker;
        admin().contentType(ContentType.JSON)
                .body(Map.of("instructions", instructions))
                .put("/v1/tenants/{id}/assistant", id)
                .then()
                .statusCode(200);
        String conversationId = "conv-" + label + "-" + marker.substring(0, 8);
        awaitAccepted(apiKey, conversationId);
        String text = "Private message of " + label + " " + marker;
        given().baseUri(platform.serviceUrl(PlatformService.CHANNEL_INGRESS))
                .auth()
                .oauth2(apiKey)
                .contentType(ContentType.JSON)
                .body(Map.of("conversationId", conversationId, "userId", "user-" + label, "text", text))
                .post("/v1/messages")
                .then()
                .statusCode(202);
        String keyId = keys(id).getFirst().get("id");
        return new MatrixTenant(label, id, name, apiKey, keyId, conversationId,
                List.of(name, marker, instructions, text));
    }

    /** The tenant's secrets plus the prefixes of every key it has now. */
    MatrixTenant withKeyPrefixes(MatrixTenant tenant) {
        List<String> secrets = new ArrayList<>(tenant.secrets());
        keys(tenant.id()).forEach(key -> secrets.add(key.get("prefix")));
        return new MatrixTenant(tenant.label(), tenant.id(), tenant.name(), tenant.apiKey(), tenant.apiKeyId(),
                tenant.conversationId(), List.copyOf(secrets));
    }

    /** A key of the tenant that was revoked, once ingress and audit refuse it. */
    String revokedKey(MatrixTenant tenant) {
        var created = admin().contentType(ContentType.JSON)
                .body(Map.of("name", "to be revoked"))
                .post("/v1/tenants/{id}/api-keys", tenant.id())
                .then()
                .statusCode(201)
                .extract();
        String key = created.path("apiKey");
        awaitAccepted(key, tenant.conversationId());
        admin().post("/v1/tenants/{id}/api-keys/{keyId}/revoke", tenant.id(), created.<String>path("key.id"))
                .then()
                .statusCode(200);
        awaitRefused(key, tenant.conversationId(), 401);
        return key;
    }

    /** Disables the tenant and waits until ingress and audit refuse its key. */
    void disable(MatrixTenant tenant) {
        admin().post("/v1/tenants/{id}/disable", tenant.id()).then().statusCode(200);
        awaitRefused(tenant.apiKey(), tenant.conversationId(), 403);
    }

    /** Waits until the tenant's conversation shows the assistant's reply, so later reads have both directions. */
    void awaitReply(MatrixTenant tenant) {
        await().atMost(PATIENCE)
                .until(() -> given().baseUri(platform.serviceUrl(PlatformService.CHANNEL_INGRESS))
                        .auth()
                        .oauth2(tenant.apiKey())
                        .get("/v1/conversations/{id}/messages", tenant.conversationId())
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("messages.direction"), directions -> directions != null && directions.size() >= 2);
    }

    /** A new key of the tenant, for an operation that uses one up (rotate, revoke). */
    String freshKeyId(MatrixTenant tenant) {
        return admin().contentType(ContentType.JSON)
                .body(Map.of("name", "matrix"))
                .post("/v1/tenants/{id}/api-keys", tenant.id())
                .then()
                .statusCode(201)
                .extract()
                .path("key.id");
    }

    /** Channel connections made so far, by tenant id and type. */
    private final Map<String, String> connections = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The tenant's Telegram connection (webhook mode, its bot known to the emulated Bot API), once channel-ingress
     * knows it: an unsigned update is then refused with 401 rather than 404.
     */
    String telegramConnection(MatrixTenant tenant) {
        return connections.computeIfAbsent(tenant.id() + ":telegram", k -> {
            String id = newTelegramConnection(tenant);
            await().atMost(PATIENCE).until(() -> given().baseUri(platform.serviceUrl(PlatformService.CHANNEL_INGRESS))
                    .contentType(ContentType.JSON).body("{}").post("/v1/channels/telegram/{id}", id)
                    .statusCode() == 401);
            return id;
        });
    }

    /** The tenant's WhatsApp connection, once channel-ingress refuses an unsigned payload for it with 401. */
    String whatsappConnection(MatrixTenant tenant) {
        return connections.computeIfAbsent(tenant.id() + ":whatsapp", k -> {
            String id = admin().contentType(ContentType.JSON)
                    .body("{\"type\": \"WHATSAPP\", \"displayName\": \"Matrix line\", \"settings\": {\"phoneNumberId\": "
                            + "\"106540352242922\"}, \"credentials\": {\"accessToken\": \"EAAG" + UUID.randomUUID()
                                    .toString().replace("-", "")
                            + "\", \"appSecret\": \"matrix-" + UUID.randomUUID() + "\"}}")
                    .post("/v1/tenants/{id}/channels", tenant.id())
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("connectionId");
            await().atMost(PATIENCE).until(() -> given().baseUri(platform.serviceUrl(PlatformService.CHANNEL_INGRESS))
                    .contentType(ContentType.JSON).body("{}").post("/v1/channels/whatsapp/{id}", id)
                    .statusCode() == 401);
            return id;
        });
    }

    /** The tenant's Slack Events API connection, once channel-ingress refuses an unsigned event for it with 401. */
    String slackConnection(MatrixTenant tenant) {
        return connections.computeIfAbsent(tenant.id() + ":slack", k -> {
            String id = admin().contentType(ContentType.JSON)
                    .body("{\"type\": \"SLACK\", \"displayName\": \"Matrix app\", \"mode\": \"WEBHOOK\", "
                            + "\"credentials\": {\"botToken\": \"xoxb-matrix-" + UUID.randomUUID()
                            + "\", \"signingSecret\": \"" + UUID.randomUUID().toString().replace("-", "") + "\"}}")
                    .post("/v1/tenants/{id}/channels", tenant.id())
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("connectionId");
            await().atMost(PATIENCE).until(() -> given().baseUri(platform.serviceUrl(PlatformService.CHANNEL_INGRESS))
                    .contentType(ContentType.JSON).body("{}").post("/v1/channels/slack/{id}", id)
                    .statusCode() == 401);
            return id;
        });
    }

    /** The tenant's Discord connection, once channel-ingress refuses an unsigned interaction for it with 401. */
    String discordConnection(MatrixTenant tenant) {
        return connections.computeIfAbsent(tenant.id() + ":discord", k -> {
            String key = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
            String id = admin().contentType(ContentType.JSON)
                    .body("{\"type\": \"DISCORD\", \"displayName\": \"Matrix bot\", \"credentials\": "
                            + "{\"botToken\": \"MTE3MDAwMDAwMDAwMDAwMDAwMQ.GabCdE." + UUID.randomUUID().toString()
                                    .replace("-", "")
                            + "\", \"publicKey\": \"" + key + "\", \"applicationId\": \"1170000000000000000\"}}")
                    .post("/v1/tenants/{id}/channels", tenant.id())
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("connectionId");
            await().atMost(PATIENCE).until(() -> given().baseUri(platform.serviceUrl(PlatformService.CHANNEL_INGRESS))
                    .contentType(ContentType.JSON).body("{\"type\": 1}").post("/v1/channels/discord/{id}", id)
                    .statusCode() == 401);
            return id;
        });
    }

    /** A new Telegram connection of the tenant, for an operation that uses one up (delete); its id. */
    String newTelegramConnection(MatrixTenant tenant) {
        return admin().contentType(ContentType.JSON)
                .body(telegramConnectBody())
                .post("/v1/tenants/{id}/channels", tenant.id())
                .then()
                .statusCode(201)
                .extract()
                .path("connectionId");
    }

    /** A connect request for the matrix's bot, which the emulated Bot API knows. */
    static String telegramConnectBody() {
        return "{\"type\": \"TELEGRAM\", \"displayName\": \"Matrix bot\", \"mode\": \"WEBHOOK\", "
                + "\"credentials\": {\"botToken\": \"" + BOT_TOKEN + "\"}}";
    }

    /** The matrix's Telegram bot: registered with the emulated Bot API when the setup is made. */
    static final String BOT_TOKEN = "7123456789:AAMatrix" + UUID.randomUUID().toString().replace("-", "");

    /** A new template with a unique name; its id. */
    String template() {
        return admin().contentType(ContentType.JSON)
                .body(templateBody("iso-template-" + UUID.randomUUID()))
                .post("/v1/templates")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** A template body with this name: a blueprint with instructions only. */
    static String templateBody(String name) {
        return "{\"name\": \"" + name + "\", \"assistant\": {\"instructions\": \"Matrix template.\"}}";
    }

    /** The tenant's configuration as its export gives it, to import back. */
    String export(MatrixTenant tenant) {
        return admin().get("/v1/tenants/{id}/export", tenant.id()).then().statusCode(200).extract().asString();
    }

    private List<Map<String, String>> keys(String tenantId) {
        return admin().get("/v1/tenants/{id}/api-keys", tenantId).then().statusCode(200).extract().jsonPath()
                .getList("$");
    }

    /** Until ingress and audit get past authentication with the key (the conversation may not exist yet). */
    private void awaitAccepted(String apiKey, String conversationId) {
        await().atMost(PATIENCE).until(() -> List.of(200, 404).contains(conversationStatus(apiKey, conversationId)));
        await().atMost(PATIENCE).until(() -> auditStatus(apiKey, conversationId) == 200);
    }

    /** Until ingress and audit both refuse the key with this status. */
    private void awaitRefused(String apiKey, String conversationId, int status) {
        await().atMost(PATIENCE).until(() -> conversationStatus(apiKey, conversationId) == status);
        await().atMost(PATIENCE).until(() -> auditStatus(apiKey, conversationId) == status);
    }

    private int conversationStatus(String apiKey, String conversationId) {
        return given().baseUri(platform.serviceUrl(PlatformService.CHANNEL_INGRESS))
                .auth()
                .oauth2(apiKey)
                .get("/v1/conversations/{id}/messages", conversationId)
                .statusCode();
    }

    private int auditStatus(String apiKey, String conversationId) {
        return given().baseUri(platform.serviceUrl(PlatformService.AUDIT_SERVICE))
                .auth()
                .oauth2(apiKey)
                .queryParam("conversationId", conversationId)
                .get("/v1/audit")
                .statusCode();
    }

    private RequestSpecification admin() {
        return given().baseUri(platform.serviceUrl(PlatformService.TENANT_SERVICE))
                .auth()
                .oauth2(RealmUsers.platformAdminToken());
    }
}
