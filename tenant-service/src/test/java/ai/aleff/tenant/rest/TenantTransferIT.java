package ai.aleff.tenant.rest;

import static ai.aleff.tenant.rest.AdminApi.admin;
import static ai.aleff.tenant.rest.AdminApi.createTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.platform.database.RowScope;
import ai.aleff.platform.tenancy.ApiKeys;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.identity.KeycloakResource;
import ai.aleff.testkit.identity.RealmUsers;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KeycloakResource.class)
class TenantTransferIT {

    private static final String PROBLEM = "application/problem+json";
    private static final String KEY = "sk-export-0123456789abcdWXYZ";
    private static final String SUBAGENT_KEY = "sk-subagent-0123456789abcdQRST";
    private static final String CHAIN = """
            {"instructions": "Be brief.",
             "models": [
               {"provider": "openai", "model": "gpt-4o-mini", "apiKey": "%s"},
               {"provider": "ollama", "model": "llama3.1:8b", "baseUrl": "http://127.0.0.1:11434"}],
             "tools": ["time_now", "calculator"],
             "subagents": [{"name": "researcher", "description": "Looks things up.", "tools": ["time_now"],
               "models": [{"provider": "anthropic", "model": "claude-3-5-haiku-latest", "apiKey": "%s"}]}],
             "skills": [{"name": "refunds", "description": "Refund questions.", "content": "# Refunds"}],
             "maxToolIterations": 8, "historyTokenBudget": 8000}""".formatted(KEY, SUBAGENT_KEY);

    @Inject
    Pool pool;

    @Test
    void anExportHasTheWholeConfigurationAndNoSecretAtAll() {
        // Given a tenant with its own provider keys in its chain and in a subagent
        JsonPath tenant = newTenant();
        String a = tenant.getString("id");
        admin().contentType(ContentType.JSON).body(CHAIN).put("/v1/tenants/{id}/assistant", a).then().statusCode(200);

        // When it is exported
        String body = admin().get("/v1/tenants/{id}/export", a).then().statusCode(200).contentType("application/json")
                .body("format", equalTo("aleff.tenant-export.v1"))
                .body("tenantName", equalTo(tenant.getString("name")))
                .body("assistantVersion", equalTo(1))
                .body("assistant.instructions", equalTo("Be brief."))
                .body("assistant.models[0].provider", equalTo("openai"))
                .body("assistant.models[0].apiKeyRequired", equalTo(true))
                .body("assistant.models[1].baseUrl", equalTo("http://127.0.0.1:11434"))
                .body("assistant.models[1].apiKeyRequired", equalTo(false))
                .body("assistant.subagents[0].models[0].apiKeyRequired", equalTo(true))
                .body("assistant.skills[0].content", equalTo("# Refunds"))
                .extract().asString();

        // Then neither the plain keys, nor their stored ciphertexts, hints or key ids, nor the tenant's API key or
        // its hash, are in it
        List<String> secrets = new ArrayList<>(List.of(KEY, SUBAGENT_KEY, "WXYZ", "QRST", "ciphertext",
                "apiKeyHint", tenant.getString("apiKey"), ApiKeys.hash(tenant.getString("apiKey"))));
        secrets.addAll(storedCiphertexts(a));
        assertThat(storedCiphertexts(a)).hasSize(2);
        for (String secret : secrets) {
            assertThat(body).as(secret).doesNotContain(secret);
        }
        assertThat(JsonPath.from(body).getMap("assistant.models[0]")).doesNotContainKey("apiKey");
    }

    @Test
    void exportIntoAnotherTenantGivesTheSameConfigurationOnceItsKeysAreSupplied() {
        // Given tenant A with its configuration, and a new tenant B
        String a = newTenant().getString("id");
        admin().contentType(ContentType.JSON).body(CHAIN).put("/v1/tenants/{id}/assistant", a).then().statusCode(200);
        String b = newTenant().getString("id");
        JsonPath export = admin().get("/v1/tenants/{id}/export", a).then().statusCode(200).extract().jsonPath();

        // When A's export is imported into B as it is, B has no key for the models that need one: 400, naming them
        importInto(b, toJson(export.getMap("")), null).statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("assistant.models[0]", "assistant.subagents[0].models[0]")))
                .body("errors[0].message", containsString("apiKey"));
        admin().get("/v1/tenants/{id}/assistant", b).then().body("version", equalTo(0));

        // And when it is imported with B's own keys in those entries
        Map<String, Object> document = export.getMap("");
        Map<String, Object> assistant = castMap(document.get("assistant"));
        castMap(castList(assistant.get("models")).get(0)).put("apiKey", "sk-b-own-key-0001");
        Map<String, Object> subagent = castMap(castList(assistant.get("subagents")).get(0));
        castMap(castList(subagent.get("models")).get(0)).put("apiKey", "sk-b-subagent-key-0002");
        importInto(b, toJson(document), "\"0\"").statusCode(200).header("ETag", "\"1\"")
                .body("models[0].apiKeySet", equalTo(true))
                .body("models[0].apiKeyHint", equalTo("0001"));

        // Then B's configuration is A's, secrets aside
        Object exportedA = admin().get("/v1/tenants/{id}/export", a).then().extract().jsonPath().get("assistant");
        Object exportedB = admin().get("/v1/tenants/{id}/export", b).then().extract().jsonPath().get("assistant");
        assertThat(exportedB).isEqualTo(exportedA);
        // And the import is in B's administrative audit, without the keys
        String audit = admin().get("/v1/tenants/{id}/admin-audit", b).then().statusCode(200)
                .body("items.action", hasItem("tenant.assistant.imported")).extract().asString();
        assertThat(audit).doesNotContain("sk-b-own-key-0001").doesNotContain("sk-b-subagent-key-0002");
    }

    @Test
    void widgetSettingsTravelWithTheExportAndAnInvalidOneRefusesTheWholeImport() {
        // Given tenant A with widget settings and an avatar, and a new tenant B
        String a = newTenant().getString("id");
        admin().contentType(ContentType.JSON)
                .body("{\"allowedOrigins\":[\"https://shop.example.com\"],\"anonymousVisitors\":false,"
                        + "\"appearance\":{\"title\":\"Shop help\",\"avatarUrl\":\"https://cdn.shop.example/a.png\"}}")
                .put("/v1/tenants/{id}/widget", a)
                .then()
                .statusCode(200);
        String b = newTenant().getString("id");

        // When A is exported / Then the export carries the widget settings
        JsonPath export = admin().get("/v1/tenants/{id}/export", a).then().statusCode(200)
                .body("widget.allowedOrigins", equalTo(List.of("https://shop.example.com")))
                .body("widget.anonymousVisitors", equalTo(false))
                .body("widget.appearance.avatarUrl", equalTo("https://cdn.shop.example/a.png"))
                .extract().jsonPath();

        // When the document with a javascript: avatar is imported into B / Then 400 naming it, and nothing changed
        String asExported = toJson(export.getMap(""));
        Map<String, Object> hostile = export.getMap("");
        castMap(castMap(hostile.get("widget")).get("appearance")).put("avatarUrl", "javascript:alert(1)");
        importInto(b, toJson(hostile), null).statusCode(400).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("widget.appearance.avatarUrl")));
        admin().get("/v1/tenants/{id}/assistant", b).then().body("version", equalTo(0));
        admin().get("/v1/tenants/{id}/widget", b).then().body("allowedOrigins", equalTo(List.of()));

        // When A's document is imported into B as it is / Then B's widget settings are A's, audited
        importInto(b, asExported, null).statusCode(200);
        admin().get("/v1/tenants/{id}/widget", b).then().statusCode(200)
                .body("allowedOrigins", equalTo(List.of("https://shop.example.com")))
                .body("anonymousVisitors", equalTo(false))
                .body("appearance.title", equalTo("Shop help"))
                .body("appearance.avatarUrl", equalTo("https://cdn.shop.example/a.png"));
        admin().get("/v1/tenants/{id}/admin-audit", b).then().statusCode(200)
                .body("items.action", hasItem("tenant.widget.updated"));
    }

    @Test
    void reimportingIntoTheSameTenantKeepsItsStoredKeys() {
        // Given a tenant with its own keys, and its export
        String a = newTenant().getString("id");
        admin().contentType(ContentType.JSON).body(CHAIN).put("/v1/tenants/{id}/assistant", a).then().statusCode(200);
        List<String> before = storedCiphertexts(a);
        String export = admin().get("/v1/tenants/{id}/export", a).then().extract().asString();

        // When it is imported back
        importInto(a, export, "\"1\"").statusCode(200).header("ETag", "\"2\"")
                .body("models[0].apiKeyHint", equalTo("WXYZ"))
                .body("subagents[0].models[0].apiKeyHint", equalTo("QRST"));

        // Then version 2 holds the very ciphertexts version 1 had
        assertThat(storedCiphertexts(a)).containsAll(before);
    }

    @Test
    void aStaleIfMatchIsRefusedAndChangesNothing() {
        // Given a tenant whose assistant changed after an administrator read version 1
        String a = newTenant().getString("id");
        admin().contentType(ContentType.JSON).body("{\"instructions\": \"One.\"}").put("/v1/tenants/{id}/assistant", a)
                .then().statusCode(200);
        String export = admin().get("/v1/tenants/{id}/export", a).then().extract().asString();
        admin().contentType(ContentType.JSON).body("{\"instructions\": \"Two.\"}").put("/v1/tenants/{id}/assistant", a)
                .then().statusCode(200);

        // When the export of version 1 is replayed with its If-Match
        importInto(a, export, "\"1\"").statusCode(412).contentType(PROBLEM);

        // Then version 2 is still current
        admin().get("/v1/tenants/{id}/assistant", a).then().header("ETag", "\"2\"").body("instructions",
                equalTo("Two."));
    }

    @Test
    void malformedAndHostileDocumentsAreRefusedAs400Problems() {
        String a = newTenant().getString("id");
        String valid = "{\"format\": \"aleff.tenant-export.v1\", \"assistant\": {\"instructions\": \"Hi.\"}}";
        importInto(a, valid, null).statusCode(200);
        for (String body : List.of(
                "not json",
                "{\"format\": \"aleff.tenant-export.v2\", \"assistant\": {}}",
                "{\"assistant\": {}}",
                "{\"format\": \"aleff.tenant-export.v1\"}",
                "{\"format\": \"aleff.tenant-export.v1\", \"assistant\": {}, \"apiKeys\": [\"ak_x\"]}",
                "{\"format\": \"aleff.tenant-export.v1\", \"assistant\": {\"instructons\": \"typo\"}}",
                "{\"format\": 1, \"assistant\": {}}",
                "{\"format\": \"aleff.tenant-export.v1\", \"assistant\": {\"maxToolIterations\": \"5\"}}",
                "{\"format\": \"aleff.tenant-export.v1\", \"assistant\": {\"models\": [{\"provider\": \"openai\", "
                        + "\"model\": \"m\", \"apiKeyRequired\": \"true\"}]}}",
                "{\"format\": \"aleff.tenant-export.v1\", \"assistant\": {\"instructions\": \"x\", \"instructions\": \"y\"}}",
                "{\"format\": \"aleff.tenant-export.v1\", \"assistant\": {\"instructions\": \"" + "x".repeat(20_001)
                        + "\"}}",
                "{\"format\": \"aleff.tenant-export.v1\", \"assistant\": {\"tools\": [\"rm_rf\"]}}",
                "{\"format\": \"aleff.tenant-export.v1\", \"assistant\": {\"models\": [{\"provider\": \"openai\", "
                        + "\"model\": \"m\", \"baseUrl\": \"http://user:pw@169.254.169.254/\"}]}}")) {
            importInto(a, body, null).statusCode(400).contentType(PROBLEM);
        }
        // A body over the limit is refused before it is read
        importInto(a, "{\"format\": \"aleff.tenant-export.v1\", \"assistant\": {\"instructions\": \""
                + "x".repeat(1_100_000) + "\"}}", null).statusCode(413);
        admin().contentType(ContentType.TEXT).body(valid).post("/v1/tenants/{id}/import", a).then().statusCode(415);
        // None of them changed anything
        admin().get("/v1/tenants/{id}/assistant", a).then().header("ETag", "\"1\"");
    }

    @Test
    void membersExportAdministratorsImportAndNobodyReachesAnotherTenant() {
        // Given two tenants, a member and an administrator of the first
        String a = newTenant().getString("id");
        String b = newTenant().getString("id");
        String member = RealmUsers.token(RealmUsers.tenantMember(a));
        String administrator = RealmUsers.token(RealmUsers.tenantAdmin(a));
        String document = "{\"format\": \"aleff.tenant-export.v1\", \"assistant\": {\"instructions\": \"Mine.\"}}";

        // Then the member exports but does not import; the administrator does both on their own tenant only
        as(member).get("/v1/tenants/{id}/export", a).then().statusCode(200);
        as(member).contentType(ContentType.JSON).body(document).post("/v1/tenants/{id}/import", a).then()
                .statusCode(403).contentType(PROBLEM);
        as(administrator).contentType(ContentType.JSON).body(document).post("/v1/tenants/{id}/import", a).then()
                .statusCode(200);
        as(administrator).get("/v1/tenants/{id}/export", b).then().statusCode(403).contentType(PROBLEM);
        as(administrator).contentType(ContentType.JSON).body(document).post("/v1/tenants/{id}/import", b).then()
                .statusCode(403);
        given().get("/v1/tenants/{id}/export", a).then().statusCode(401).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(document).post("/v1/tenants/{id}/import", a).then()
                .statusCode(401);
        admin().get("/v1/tenants/{id}/export", UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        admin().get("/v1/tenants/{id}/assistant", b).then().body("version", equalTo(0));
    }

    private List<String> storedCiphertexts(String tenantId) {
        List<String> found = new ArrayList<>();
        for (Row row : RowScope.inTenant(pool, tenantId, c -> c.preparedQuery("SELECT configuration FROM "
                + "tenant.assistant_versions WHERE tenant_id = $1").execute(Tuple.of(UUID.fromString(tenantId))))
                .await().atMost(Duration.ofSeconds(10))) {
            JsonPath configuration = JsonPath.from(row.getString("configuration"));
            for (String path : List.of("models.apiKey.ciphertext", "subagents.models.apiKey.ciphertext")) {
                flatten(configuration.get(path), found);
            }
        }
        return found.stream().distinct().toList();
    }

    private static void flatten(Object value, List<String> into) {
        if (value instanceof List<?> list) {
            list.forEach(item -> flatten(item, into));
        } else if (value != null) {
            into.add(value.toString());
        }
    }

    private static ValidatableResponse importInto(String tenantId, String body, String ifMatch) {
        var request = admin().contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.post("/v1/tenants/{id}/import", tenantId).then();
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    private static JsonPath newTenant() {
        return createTenant("{\"name\": \"Transfer " + UUID.randomUUID() + "\"}").statusCode(201).extract()
                .jsonPath();
    }

    private static String toJson(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object value) {
        return (List<Object>) value;
    }
}
