package ai.aleff.tenant.rest;

import static ai.aleff.tenant.rest.AdminApi.admin;
import static ai.aleff.tenant.rest.ApiKeyResourceIT.awaitVersion;
import static ai.aleff.tenant.rest.ApiKeyResourceIT.createKey;
import static ai.aleff.tenant.rest.ApiKeyResourceIT.newTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
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
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.identity.KeycloakResource;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(PostgresResource.class)
class TenantLifecycleIT {

    private static final String PROBLEM = "application/problem+json";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void theListPagesThroughEveryTenantOnceInCreationOrder() {
        // Given three new tenants
        List<String> ours = List.of(newTenant().getString("id"), newTenant().getString("id"),
                newTenant().getString("id"));

        // When the list is read in pages of 200 and in pages of 2
        List<String> large = walk(200);
        List<String> small = walk(2);

        // Then both walks see the same tenants once each, ours among them in creation order
        assertThat(small).isEqualTo(large).doesNotHaveDuplicates();
        assertThat(large.stream().filter(ours::contains).toList()).isEqualTo(ours);
    }

    @Test
    void malformedAndForeignCursorsAndLimitsAre400Problems() {
        String adminAuditCursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("admin-audit.v1|5".getBytes(StandardCharsets.UTF_8));
        String badPosition = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("tenants.v1|yesterday|' OR 1=1".getBytes(StandardCharsets.UTF_8));
        for (String cursor : List.of("", "garbage!", "Zm9v", adminAuditCursor, badPosition, "x".repeat(600),
                "%27%20OR%201%3D1")) {
            admin().urlEncodingEnabled(false).get("/v1/tenants?cursor=" + cursor).then().statusCode(400)
                    .contentType(PROBLEM);
        }
        for (String limit : List.of("0", "201", "-1", "abc", "1.5", "", "99999999999")) {
            admin().get("/v1/tenants?limit=" + limit).then().statusCode(400).contentType(PROBLEM);
        }
    }

    @Test
    void renamingPublishesTheNewNameAndTheSameNameChangesNothing() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.TENANT_CONFIG)) {
            // Given a tenant
            String id = newTenant().getString("id");

            // When it is renamed, then renamed to the same name
            rename(id, "{\"name\": \"  Acme Holdings \"}").statusCode(200).body("name", equalTo("Acme Holdings"))
                    .body("version", equalTo(2));
            rename(id, "{\"name\": \"Acme Holdings\"}").statusCode(200).body("version", equalTo(2));

            // Then reads and the configuration show the new name, at version 2 and no later one
            admin().get("/v1/tenants/{id}", id).then().body("name", equalTo("Acme Holdings"));
            assertThat(awaitVersion(probe, id, 2).name()).isEqualTo("Acme Holdings");
            createKey(id, "{\"name\": \"marker\"}").statusCode(201);
            awaitVersion(probe, id, 3);
            assertThat(probe.events(TenantConfigurationChanged.class, c -> c.tenantId().equals(id))).hasSize(3);
        }
    }

    @Test
    void disablingAndEnablingPublishTheStatusAndRepeatingChangesNothing() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.TENANT_CONFIG)) {
            // Given a tenant
            JsonPath tenant = newTenant();
            String id = tenant.getString("id");

            // When it is disabled twice, then enabled
            admin().post("/v1/tenants/{id}/disable", id).then().statusCode(200).body("status", equalTo("DISABLED"))
                    .body("version", equalTo(2));
            admin().post("/v1/tenants/{id}/disable", id).then().statusCode(200).body("version", equalTo(2));
            admin().post("/v1/tenants/{id}/enable", id).then().statusCode(200).body("status", equalTo("ACTIVE"))
                    .body("version", equalTo(3));

            // Then the configuration went DISABLED then ACTIVE, its keys kept throughout
            TenantConfigurationChanged disabled = awaitVersion(probe, id, 2);
            assertThat(disabled.status()).isEqualTo(TenantConfigurationChanged.Status.DISABLED);
            assertThat(disabled.apiKeyHashes()).hasSize(1);
            assertThat(awaitVersion(probe, id, 3).status()).isEqualTo(TenantConfigurationChanged.Status.ACTIVE);
        }
    }

    @Test
    void deletingPublishesADeletedConfigurationWithoutKeysAndTheTenantIsGone() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.TENANT_CONFIG)) {
            // Given a tenant with an assistant configuration and a second key
            String id = newTenant().getString("id");
            admin().contentType(ContentType.JSON).body("{\"instructions\": \"Be brief.\"}")
                    .put("/v1/tenants/{id}/assistant", id).then().statusCode(200);
            createKey(id, "{\"name\": \"second\"}").statusCode(201);

            // When it is deleted
            admin().delete("/v1/tenants/{id}", id).then().statusCode(204);

            // Then its last configuration is DELETED, without keys or assistant
            TenantConfigurationChanged deleted = awaitVersion(probe, id, 4);
            assertThat(deleted.status()).isEqualTo(TenantConfigurationChanged.Status.DELETED);
            assertThat(deleted.apiKeyHashes()).isEmpty();
            assertThat(deleted.assistant()).isNull();

            // And it is gone for every operation, a second delete included, but its audit stays readable
            admin().get("/v1/tenants/{id}", id).then().statusCode(404).contentType(PROBLEM);
            admin().delete("/v1/tenants/{id}", id).then().statusCode(404).contentType(PROBLEM);
            rename(id, "{\"name\": \"Zombie\"}").statusCode(404);
            admin().post("/v1/tenants/{id}/enable", id).then().statusCode(404);
            admin().get("/v1/tenants/{id}/api-keys", id).then().statusCode(404);
            admin().get("/v1/tenants/{id}/assistant", id).then().statusCode(404);
            createKey(id, "{\"name\": \"late\"}").statusCode(404);
            assertThat(walk(200)).doesNotContain(id);
            admin().get("/v1/tenants/{id}/admin-audit", id).then().statusCode(200)
                    .body("items[0].action", equalTo("tenant.deleted"))
                    .body("items[0].after.status", equalTo("DELETED"));
        }
    }

    @Test
    void malformedRenamesAre400Or415Problems() {
        String id = newTenant().getString("id");
        for (String body : List.of("{\"name\": ", "{}", "{\"name\": null}", "{\"name\": \" \"}", "{\"name\": 5}",
                "{\"name\": \"" + "x".repeat(201) + "\"}", "{\"name\": \"a\\nb\"}", "{\"name\": \"a\", \"status\": "
                        + "\"DISABLED\"}",
                "[]")) {
            rename(id, body).statusCode(400).contentType(PROBLEM);
        }
        admin().contentType("text/plain").body("name=x").patch("/v1/tenants/{id}", id).then().statusCode(415)
                .contentType(PROBLEM);
        admin().get("/v1/tenants/{id}", id).then().body("status", equalTo("ACTIVE")).body("version", equalTo(1));
    }

    @Test
    void hostileAndUnknownIdsAre404Problems() {
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "%27%20OR%20%271%27%3D%271", "%00",
                "x".repeat(1000))) {
            admin().urlEncodingEnabled(false).post("/v1/tenants/" + id + "/disable").then().statusCode(404)
                    .contentType(PROBLEM);
            admin().urlEncodingEnabled(false).delete("/v1/tenants/" + id).then().statusCode(404)
                    .contentType(PROBLEM);
        }
    }

    @Test
    void everyLifecycleEndpointRefusesMissingOrWrongAdminCredentials() {
        String id = newTenant().getString("id");
        for (String header : new String[]{null, "Bearer wrong", "Bearer ak_" + UUID.randomUUID()}) {
            request(header).get("/v1/tenants").then().statusCode(401).contentType(PROBLEM);
            request(header).contentType(ContentType.JSON).body("{\"name\": \"x\"}").patch("/v1/tenants/{id}", id)
                    .then().statusCode(401).contentType(PROBLEM);
            request(header).post("/v1/tenants/{id}/disable", id).then().statusCode(401);
            request(header).post("/v1/tenants/{id}/enable", id).then().statusCode(401);
            request(header).delete("/v1/tenants/{id}", id).then().statusCode(401);
        }
        admin().get("/v1/tenants/{id}", id).then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void openApiNamesEveryLifecycleOperation() {
        JsonPath doc = given().accept("application/json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        assertThat(doc.getString("paths.'/v1/tenants'.get.operationId")).isEqualTo("listTenants");
        assertThat(doc.getString("paths.'/v1/tenants'.post.operationId")).isEqualTo("createTenant");
        assertThat(doc.getString("paths.'/v1/tenants/{id}'.patch.operationId")).isEqualTo("renameTenant");
        assertThat(doc.getString("paths.'/v1/tenants/{id}'.delete.operationId")).isEqualTo("deleteTenant");
        assertThat(doc.getString("paths.'/v1/tenants/{id}/disable'.post.operationId")).isEqualTo("disableTenant");
        assertThat(doc.getString("paths.'/v1/tenants/{id}/enable'.post.operationId")).isEqualTo("enableTenant");
        assertThat(doc.getString("paths.'/v1/tenants/{id}/admin-audit'.get.operationId")).isEqualTo(
                "listAdminAudit");
    }

    private static io.restassured.specification.RequestSpecification request(String authorization) {
        return authorization == null ? given() : given().header("Authorization", authorization);
    }

    private static ValidatableResponse rename(String id, String body) {
        return admin().contentType(ContentType.JSON).body(body).patch("/v1/tenants/{id}", id).then();
    }

    private static List<String> walk(int limit) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = admin().queryParam("limit", limit);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/tenants").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return ids;
    }
}
