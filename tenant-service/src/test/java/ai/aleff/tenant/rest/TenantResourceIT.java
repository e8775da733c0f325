package ai.aleff.tenant.rest;

import static ai.aleff.tenant.rest.AdminApi.admin;
import static ai.aleff.tenant.rest.AdminApi.createTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import ai.aleff.platform.tenancy.ApiKeys;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.identity.KeycloakResource;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KeycloakResource.class)
class TenantResourceIT {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void creatingATenantAnswers201WithTheKeyOnceAndALocation() {
        // Given a valid name with surrounding whitespace
        String body = "{\"name\": \"  Acme Corp  \"}";

        // When an admin creates the tenant
        var response = createTenant(body).statusCode(201)
                .contentType("application/json")
                .header("Location", matchesPattern(".*/v1/tenants/" + UUID_PATTERN))
                .extract();

        // Then the body shows the trimmed name, an active status and a fresh API key
        JsonPath json = response.jsonPath();
        assertThat(json.getString("id")).matches(UUID_PATTERN);
        assertThat(response.header("Location")).endsWith("/v1/tenants/" + json.getString("id"));
        assertThat(json.getString("name")).isEqualTo("Acme Corp");
        assertThat(json.getString("status")).isEqualTo("ACTIVE");
        assertThat(json.getString("apiKey")).startsWith(ApiKeys.PREFIX);
        assertThat(ApiKeys.looksValid(json.getString("apiKey"))).isTrue();
        assertThat(Instant.parse(json.getString("createdAt"))).isBetween(Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(1));
    }

    @Test
    void eachTenantGetsItsOwnIdAndKey() {
        // Given two tenants created with the same name
        JsonPath first = createTenant("{\"name\": \"Twin\"}").statusCode(201).extract().jsonPath();
        JsonPath second = createTenant("{\"name\": \"Twin\"}").statusCode(201).extract().jsonPath();

        // Then ids and keys differ
        assertThat(first.getString("id")).isNotEqualTo(second.getString("id"));
        assertThat(first.getString("apiKey")).isNotEqualTo(second.getString("apiKey"));
    }

    @Test
    void readingATenantShowsItWithoutItsKeyOrHash() {
        // Given a created tenant
        var created = createTenant("{\"name\": \"Globex\"}").statusCode(201).extract();
        String id = created.jsonPath().getString("id");
        String apiKey = created.jsonPath().getString("apiKey");

        // When an admin reads it at its Location
        String body = admin().when()
                .get(created.header("Location"))
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("id", equalTo(id))
                .body("name", equalTo("Globex"))
                .body("status", equalTo("ACTIVE"))
                .body("version", equalTo(1))
                .body("createdAt", equalTo(created.jsonPath().getString("createdAt")))
                .extract()
                .asString();

        // Then neither the key nor its hash appears anywhere
        Map<String, Object> fields = JsonPath.from(body).getMap("");
        assertThat(fields).containsOnlyKeys("id", "name", "status", "createdAt", "version");
        assertThat(body).doesNotContain(apiKey).doesNotContain(ApiKeys.hash(apiKey));
    }

    @Test
    void malformedJsonIsA400Problem() {
        createTenant("{\"name\": ").statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", not(emptyOrNullString()));
    }

    @Test
    void missingNameIsA400ProblemNamingTheField() {
        createTenant("{}").statusCode(400).contentType("application/problem+json").body("errors[0].field",
                equalTo("name"));
    }

    @Test
    void nullNameIsA400ProblemNamingTheField() {
        createTenant("{\"name\": null}").statusCode(400).contentType("application/problem+json").body(
                "errors[0].field", equalTo("name"));
    }

    @Test
    void blankNameIsA400Problem() {
        createTenant("{\"name\": \"   \"}").statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"))
                .body("errors[0].message", startsWith("must be 1 to 200 characters"));
    }

    @Test
    void nameOf201CharactersIsA400ProblemAnd200IsAccepted() {
        // Given names just over and exactly at the limit
        String tooLong = "x".repeat(201);
        String longest = "y".repeat(200);

        // Then the first is refused and the second accepted
        createTenant("{\"name\": \"" + tooLong + "\"}").statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"));
        createTenant("{\"name\": \"" + longest + "\"}").statusCode(201).body("name", equalTo(longest));
    }

    @Test
    void nameWithControlCharactersIsA400Problem() {
        createTenant("{\"name\": \"Evil\\u0000Corp\"}").statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"));
        createTenant("{\"name\": \"Line\\nbreak\"}").statusCode(400).contentType("application/problem+json");
    }

    @Test
    void nameOfTheWrongTypeIsA400Problem() {
        for (String body : new String[]{"{\"name\": 42}", "{\"name\": true}", "{\"name\": 4.2}",
                "{\"name\": {\"first\": \"a\"}}", "{\"name\": [\"a\"]}"}) {
            createTenant(body).statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", startsWith("Field 'name' has the wrong type"));
        }
    }

    @Test
    void arrayOrScalarBodyIsA400Problem() {
        createTenant("[{\"name\": \"Acme\"}]").statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("The body must be a JSON object."));
        createTenant("\"Acme\"").statusCode(400).contentType("application/problem+json");
    }

    @Test
    void emptyBodyIsA400Problem() {
        admin().contentType("application/json").when().post("/v1/tenants").then().statusCode(400).contentType(
                "application/problem+json");
    }

    @Test
    void nonJsonContentTypeIsA415Problem() {
        admin().contentType("text/plain").body("name=Acme").when().post("/v1/tenants").then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void missingAdminTokenIsA401Problem() {
        given().contentType("application/json")
                .body("{\"name\": \"Acme\"}")
                .when()
                .post("/v1/tenants")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
        given().when().get("/v1/tenants/" + java.util.UUID.randomUUID()).then().statusCode(401).contentType(
                "application/problem+json");
    }

    @Test
    void wrongAdminTokenIsA401ProblemEvenForAnExistingTenant() {
        // Given an existing tenant
        String location = createTenant("{\"name\": \"Initech\"}").statusCode(201).extract().header("Location");

        // Then a wrong token, a prefix of the right one, a tenant API key or another scheme cannot read or create
        String token = AdminApi.token();
        for (String header : new String[]{"Bearer wrong", "Bearer " + token.substring(0, 10), "Bearer " + token + "x",
                "Bearer " + ApiKeys.generate(), "Basic " + token, token, "Bearer "}) {
            given().header("Authorization", header).when().get(location).then().statusCode(401).contentType(
                    "application/problem+json");
            given().header("Authorization", header)
                    .contentType("application/json")
                    .body("{\"name\": \"Acme\"}")
                    .when()
                    .post("/v1/tenants")
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void malformedBodyWithoutTokenIsRefusedAs401BeforeParsing() {
        given().contentType("application/json").body("{oops").when().post("/v1/tenants").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void unknownTenantIsA404Problem() {
        admin().when()
                .get("/v1/tenants/" + java.util.UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }

    @Test
    void malformedAndHostileIdsAre404Problems() {
        // Given ids that are not UUIDs: odd UUID spellings, SQL-ish, traversal, very long, non-ASCII
        String[] ids = {"not-a-uuid", "1-1-1-1-1", encoded("' OR '1'='1"), encoded("1; DROP TABLE tenant.tenants; --"),
                "%2e%2e%2f", "..%2F..%2Fetc%2Fpasswd", "x".repeat(2000), "%00", "%C3%A9t%C3%A9",
                java.util.UUID.randomUUID() + "%20", encoded(java.util.UUID.randomUUID() + "\n")};
        for (String id : ids) {
            // Then each is a plain 404 problem, never a 500
            admin().urlEncodingEnabled(false)
                    .when()
                    .get("/v1/tenants/" + id)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
        }
    }

    private static String encoded(String raw) {
        return java.net.URLEncoder.encode(raw, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void pathTraversalOutOfTheResourceIsA404Problem() {
        admin().urlEncodingEnabled(false).when().get("/v1/tenants/x/../" + java.util.UUID.randomUUID()).then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void openApiDocumentsTheTenantEndpoints() {
        given().accept("application/json")
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("info.title", equalTo("AleffAI tenant-service"))
                .body("paths.'/v1/tenants'.post.summary", equalTo("Create a tenant"))
                .body("paths.'/v1/tenants'.post.responses.'201'.headers.Location", notNullValue())
                .body("paths.'/v1/tenants/{id}'.get.responses.'404'.description", endsWith("id."))
                .body("components.securitySchemes.keycloak.scheme", equalTo("bearer"))
                .body("components.securitySchemes.keycloak.bearerFormat", equalTo("JWT"))
                .body("paths.'/v1/tenants/{id}'.get.responses.'401'.description", notNullValue())
                .body("paths.'/v1/tenants/{id}'.get.responses.'403'.description", notNullValue());
    }
}
