package ai.aleff.tenant.rest;

import static ai.aleff.tenant.rest.AdminApi.admin;
import static ai.aleff.tenant.rest.AdminApi.createTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.tenancy.ApiKeys;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.identity.KeycloakResource;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(PostgresResource.class)
class ApiKeyResourceIT {

    private static final String PROBLEM = "application/problem+json";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aNewKeyIsShownOnceAndListedOnlyByItsPrefix() {
        // Given a tenant
        JsonPath tenant = newTenant();
        String id = tenant.getString("id");

        // When an admin creates a key
        var created = createKey(id, "{\"name\": \"  ci runner  \"}").statusCode(201)
                .header("Location", startsWith("http"))
                .extract();
        String apiKey = created.jsonPath().getString("apiKey");

        // Then the key is a fresh API key, and its entry has the trimmed name, its prefix and no use yet
        assertThat(ApiKeys.looksValid(apiKey)).isTrue();
        assertThat(created.jsonPath().getString("key.name")).isEqualTo("ci runner");
        assertThat(created.jsonPath().getString("key.prefix")).isEqualTo(apiKey.substring(0, 11));
        assertThat(created.jsonPath().getString("key.status")).isEqualTo("ACTIVE");
        assertThat(created.header("Location")).endsWith("/api-keys/" + created.jsonPath().getString("key.id"));

        // And the list shows both keys, newest first, without either key or its hash
        String list = admin().get("/v1/tenants/{id}/api-keys", id)
                .then()
                .statusCode(200)
                .body("name", equalTo(List.of("ci runner", "default")))
                .body("[0].lastUsedAt", nullValue())
                .extract()
                .asString();
        assertThat(list).doesNotContain(apiKey, ApiKeys.hash(apiKey), tenant.getString("apiKey"),
                ApiKeys.hash(tenant.getString("apiKey")));
        admin().get(created.header("Location")).then().statusCode(200).body("name", equalTo("ci runner"));
    }

    @Test
    void creatingAKeyPublishesItsHashBesideTheTenantsOtherKeys() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.TENANT_CONFIG)) {
            // Given a tenant
            JsonPath tenant = newTenant();
            String id = tenant.getString("id");

            // When a key is created
            String apiKey = createKey(id, "{\"name\": \"second\"}").statusCode(201).extract().path("apiKey");

            // Then the next configuration version carries both hashes and no expiry
            TenantConfigurationChanged config = awaitVersion(probe, id, 2);
            assertThat(config.apiKeyHashes()).containsExactlyInAnyOrder(ApiKeys.hash(apiKey),
                    ApiKeys.hash(tenant.getString("apiKey")));
            assertThat(config.apiKeyExpiries()).isEmpty();
        }
    }

    @Test
    void rotatingKeepsTheOldKeyUntilTheOverlapEndsAndSaysWhenItEnds() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.TENANT_CONFIG)) {
            // Given a tenant and its first key
            JsonPath tenant = newTenant();
            String id = tenant.getString("id");
            String oldKey = tenant.getString("apiKey");
            String oldId = onlyKeyId(id);

            // When the key is rotated with a 60 s overlap
            Instant before = Instant.now();
            JsonPath rotated = rotate(id, oldId, "{\"overlapSeconds\": 60}").statusCode(201).extract().jsonPath();

            // Then a new key is returned, the old one is ROTATING until about a minute from now, pointing at it
            String newKey = rotated.getString("apiKey");
            assertThat(newKey).isNotEqualTo(oldKey);
            assertThat(rotated.getString("key.name")).isEqualTo("default");
            JsonPath old = admin().get("/v1/tenants/{id}/api-keys/{key}", id, oldId).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(old.getString("status")).isEqualTo("ROTATING");
            assertThat(old.getString("rotatedTo")).isEqualTo(rotated.getString("key.id"));
            Instant expiresAt = Instant.parse(old.getString("expiresAt"));
            assertThat(expiresAt).isBetween(before.plusSeconds(59), Instant.now().plusSeconds(61));

            // And the configuration carries both keys, the old one with that expiry for consumers to honour
            TenantConfigurationChanged config = awaitVersion(probe, id, 2);
            assertThat(config.apiKeyHashes()).containsExactlyInAnyOrder(ApiKeys.hash(oldKey),
                    ApiKeys.hash(newKey));
            assertThat(config.apiKeyExpiries()).containsOnlyKeys(ApiKeys.hash(oldKey));
            assertThat(config.apiKeyExpiries().get(ApiKeys.hash(oldKey))).isEqualTo(expiresAt);
        }
    }

    @Test
    void rotatingWithoutABodyUsesTheDefaultOverlapAndMayRename() {
        // Given two tenants' first keys
        String first = newTenant().getString("id");
        String second = newTenant().getString("id");

        // When one is rotated without a body and the other with only a new name
        Instant before = Instant.now();
        admin().post("/v1/tenants/{id}/api-keys/{key}/rotate", first, onlyKeyId(first)).then().statusCode(201);
        rotate(second, onlyKeyId(second), "{\"name\": \"renamed\"}").statusCode(201)
                .body("key.name", equalTo("renamed"));

        // Then the old key stays valid for the default hour
        JsonPath keys = admin().get("/v1/tenants/{id}/api-keys", first).then().statusCode(200).extract().jsonPath();
        assertThat(Instant.parse(keys.getString("find { it.status == 'ROTATING' }.expiresAt")))
                .isBetween(before.plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
    }

    @Test
    void revokingDropsTheKeyFromTheConfiguration() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.TENANT_CONFIG)) {
            // Given a tenant with a second key
            JsonPath tenant = newTenant();
            String id = tenant.getString("id");
            String second = createKey(id, "{\"name\": \"second\"}").statusCode(201).extract().path("apiKey");

            // When its first key is revoked
            admin().post("/v1/tenants/{id}/api-keys/{key}/revoke", id, keyIdByName(id, "default"))
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("REVOKED"))
                    .body("revokedAt", startsWith("20"));

            // Then the next configuration has only the second key
            assertThat(awaitVersion(probe, id, 3).apiKeyHashes()).containsExactly(ApiKeys.hash(second));
        }
    }

    @Test
    void replayedAndContradictoryChangesAre409sThatPublishNothing() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.TENANT_CONFIG)) {
            // Given a tenant whose key was rotated (old key now ROTATING) and a revoked key
            String id = newTenant().getString("id");
            String rotatedId = onlyKeyId(id);
            rotate(id, rotatedId, "{\"overlapSeconds\": 30}").statusCode(201);
            String revokedId = createKey(id, "{\"name\": \"short-lived\"}").statusCode(201).extract()
                    .path("key.id");
            admin().post("/v1/tenants/{id}/api-keys/{key}/revoke", id, revokedId).then().statusCode(200);

            // When each is replayed or contradicted
            admin().post("/v1/tenants/{id}/api-keys/{key}/revoke", id, revokedId).then().statusCode(409)
                    .contentType(PROBLEM).body("detail", startsWith("The API key was already revoked"));
            rotate(id, revokedId, "{}").statusCode(409).contentType(PROBLEM);
            rotate(id, rotatedId, "{}").statusCode(409).contentType(PROBLEM)
                    .body("detail", startsWith("The API key was already rotated"));

            // Then nothing beyond the four accepted changes was published (version 4 is the last)
            awaitVersion(probe, id, 4);
            String marker = createKey(id, "{\"name\": \"marker\"}").statusCode(201).extract().path("key.id");
            assertThat(awaitVersion(probe, id, 5)).isNotNull();
            assertThat(probe.events(TenantConfigurationChanged.class, c -> c.tenantId().equals(id)))
                    .extracting(e -> e.data().version())
                    .containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
            assertThat(marker).isNotNull();
        }
    }

    @Test
    void aZeroOverlapExpiresTheOldKeyAtOnceAndAnExpiredKeyCannotBeRotated() {
        // Given a key rotated without overlap
        String id = newTenant().getString("id");
        String oldId = onlyKeyId(id);
        rotate(id, oldId, "{\"overlapSeconds\": 0}").statusCode(201);

        // Then it is EXPIRED at once, and rotating it again is refused
        admin().get("/v1/tenants/{id}/api-keys/{key}", id, oldId).then().statusCode(200)
                .body("status", equalTo("EXPIRED"));
        rotate(id, oldId, "{}").statusCode(409).contentType(PROBLEM);
    }

    @Test
    void aTenantHasAtMostTenValidKeys() {
        // Given a tenant with its first key and nine more
        String id = newTenant().getString("id");
        for (int i = 0; i < 9; i++) {
            createKey(id, "{\"name\": \"k" + i + "\"}").statusCode(201);
        }

        // When an eleventh is asked for, then it is refused; once one is revoked there is room again
        createKey(id, "{\"name\": \"one too many\"}").statusCode(409).contentType(PROBLEM);
        admin().post("/v1/tenants/{id}/api-keys/{key}/revoke", id, keyIdByName(id, "k0")).then().statusCode(200);
        createKey(id, "{\"name\": \"fits again\"}").statusCode(201);
    }

    @Test
    void malformedBodiesAre400Problems() {
        String id = newTenant().getString("id");
        String keyId = onlyKeyId(id);
        for (String body : List.of("{\"name\": ", "{}", "{\"name\": null}", "{\"name\": \"  \"}",
                "{\"name\": \"" + "n".repeat(101) + "\"}", "{\"name\": \"bad\\u0007bell\"}", "{\"name\": 7}",
                "{\"name\": \"a\", \"hash\": \"x\"}", "{\"name\": \"a\", \"name\": \"b\"}", "[]")) {
            createKey(id, body).statusCode(400).contentType(PROBLEM);
        }
        for (String body : List.of("{\"overlapSeconds\": -1}", "{\"overlapSeconds\": 604801}",
                "{\"overlapSeconds\": \"60\"}", "{\"overlapSeconds\": 1.5}", "{\"name\": \"\"}",
                "{\"overlapSeconds\": 60, \"expiresAt\": \"2030-01-01T00:00:00Z\"}")) {
            rotate(id, keyId, body).statusCode(400).contentType(PROBLEM);
        }
        admin().contentType("text/plain").body("name=x").post("/v1/tenants/{id}/api-keys", id).then()
                .statusCode(415).contentType(PROBLEM);
        admin().contentType("text/plain").body("overlapSeconds=0").post("/v1/tenants/{id}/api-keys/{key}/rotate", id,
                keyId).then().statusCode(415).contentType(PROBLEM);
        // And the key was never touched by the refused rotations
        admin().get("/v1/tenants/{id}/api-keys/{key}", id, keyId).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void hostileAndForeignIdsAre404Problems() {
        // Given two tenants
        String id = newTenant().getString("id");
        String other = newTenant().getString("id");
        String othersKey = onlyKeyId(other);

        // Then another tenant's key, unknown or malformed ids are plain 404s, never a 500
        for (String keyId : List.of(othersKey, UUID.randomUUID().toString(), "not-a-uuid", "1-1-1-1-1",
                "%27%20OR%20%271%27%3D%271", "..%2F..%2F" + othersKey, "x".repeat(1000))) {
            admin().urlEncodingEnabled(false).get("/v1/tenants/" + id + "/api-keys/" + keyId).then()
                    .statusCode(404).contentType(PROBLEM);
            admin().urlEncodingEnabled(false).post("/v1/tenants/" + id + "/api-keys/" + keyId + "/revoke")
                    .then().statusCode(404).contentType(PROBLEM);
        }
        for (String tenantId : List.of(UUID.randomUUID().toString(), "nope", "%00")) {
            admin().urlEncodingEnabled(false).get("/v1/tenants/" + tenantId + "/api-keys").then().statusCode(404)
                    .contentType(PROBLEM);
        }
        // And the other tenant's key is still active
        admin().get("/v1/tenants/{id}/api-keys/{key}", other, othersKey).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void everyKeyEndpointRefusesMissingOrWrongAdminCredentials() {
        String id = newTenant().getString("id");
        String keyId = onlyKeyId(id);
        String apiKey = ApiKeys.generate();
        for (String header : new String[]{null, "Bearer wrong", "Bearer " + apiKey, "Basic " + AdminApi.token()}) {
            var request = header == null ? given() : given().header("Authorization", header);
            request.get("/v1/tenants/{id}/api-keys", id).then().statusCode(401).contentType(PROBLEM);
            (header == null ? given() : given().header("Authorization", header)).contentType(ContentType.JSON)
                    .body("{\"name\": \"x\"}")
                    .post("/v1/tenants/{id}/api-keys", id)
                    .then()
                    .statusCode(401)
                    .contentType(PROBLEM);
            (header == null ? given() : given().header("Authorization", header))
                    .post("/v1/tenants/{id}/api-keys/{key}/rotate", id, keyId).then().statusCode(401);
            (header == null ? given() : given().header("Authorization", header))
                    .post("/v1/tenants/{id}/api-keys/{key}/revoke", id, keyId).then().statusCode(401);
        }
        admin().get("/v1/tenants/{id}/api-keys/{key}", id, keyId).then().body("status", equalTo("ACTIVE"));
    }

    @Test
    void openApiNamesEveryKeyOperation() {
        JsonPath doc = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        assertThat(doc.getString("paths.'/v1/tenants/{id}/api-keys'.post.operationId")).isEqualTo("createApiKey");
        assertThat(doc.getString("paths.'/v1/tenants/{id}/api-keys'.get.operationId")).isEqualTo("listApiKeys");
        assertThat(doc.getString("paths.'/v1/tenants/{id}/api-keys/{keyId}/rotate'.post.operationId"))
                .isEqualTo("rotateApiKey");
        assertThat(doc.getString("paths.'/v1/tenants/{id}/api-keys/{keyId}/revoke'.post.responses.'409'.description"))
                .isEqualTo("The key was already revoked.");
    }

    static JsonPath newTenant() {
        return createTenant("{\"name\": \"Keys " + UUID.randomUUID() + "\"}").statusCode(201).extract().jsonPath();
    }

    static ValidatableResponse createKey(String tenantId, String body) {
        return admin().contentType(ContentType.JSON).body(body).post("/v1/tenants/{id}/api-keys", tenantId).then();
    }

    static ValidatableResponse rotate(String tenantId, String keyId, String body) {
        return admin().contentType(ContentType.JSON)
                .body(body)
                .post("/v1/tenants/{id}/api-keys/{key}/rotate", tenantId, keyId)
                .then();
    }

    static String onlyKeyId(String tenantId) {
        return keyIdByName(tenantId, "default");
    }

    static String keyIdByName(String tenantId, String name) {
        return admin().get("/v1/tenants/{id}/api-keys", tenantId).then().statusCode(200).extract()
                .path("find { it.name == '" + name + "' }.id");
    }

    static TenantConfigurationChanged awaitVersion(EventProbe probe, String tenantId, long version) {
        CloudEvent<TenantConfigurationChanged> event = probe.awaitOne(TenantConfigurationChanged.class,
                c -> c.tenantId().equals(tenantId) && c.version() == version);
        return event.data();
    }
}
