package ai.aleff.tenant.rest;

import static ai.aleff.tenant.rest.AdminApi.admin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

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
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.identity.KeycloakResource;
import ai.aleff.testkit.identity.RealmUsers;
import ai.aleff.testkit.identity.Tokens;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KeycloakResource.class)
class TemplateResourceIT {

    private static final String PROBLEM = "application/problem+json";
    private static final String ASSISTANT = """
            {"instructions": "You answer support questions.",
             "models": [{"provider": "ollama", "model": "llama3.1:8b", "baseUrl": "http://127.0.0.1:11434"}],
             "tools": ["time_now", "calculator"],
             "subagents": [{"name": "researcher", "description": "Looks things up.", "tools": ["time_now"]}],
             "skills": [{"name": "refunds", "description": "Refund questions.", "content": "# Refunds"}],
             "maxToolIterations": 6, "historyTokenBudget": 6000}""";

    @Inject
    Pool pool;

    @Test
    void aPlatformAdministratorCreatesReadsListsReplacesAndDeletesATemplate() {
        // Given a new template
        String name = "Support " + UUID.randomUUID();
        ValidatableResponse created = create(body(name, ASSISTANT)).statusCode(201).header("ETag", "\"1\"")
                .body("name", equalTo(name))
                .body("version", equalTo(1))
                .body("assistant.instructions", equalTo("You answer support questions."))
                .body("assistant.skills[0].name", equalTo("refunds"));
        String id = created.extract().path("id");
        assertThat(created.extract().header("Location")).endsWith("/v1/templates/" + id);

        // Then it can be read and is listed
        admin().get("/v1/templates/{id}", id).then().statusCode(200).header("ETag", "\"1\"")
                .body("assistant.maxToolIterations", equalTo(6));
        admin().get("/v1/templates").then().statusCode(200).body("name", hasItem(name));

        // When it is replaced against its version, then a stale replay of that change is refused
        String renamed = name + " v2";
        replace(id, body(renamed, "{\"instructions\": \"Shorter.\"}"), "\"1\"").statusCode(200)
                .header("ETag", "\"2\"").body("assistant.instructions", equalTo("Shorter."));
        replace(id, body(name, ASSISTANT), "\"1\"").statusCode(412).contentType(PROBLEM);
        admin().header("If-Match", "\"1\"").delete("/v1/templates/{id}", id).then().statusCode(412);
        admin().get("/v1/templates/{id}", id).then().body("name", equalTo(renamed));

        // And deleted, after which it is gone
        admin().header("If-Match", "\"2\"").delete("/v1/templates/{id}", id).then().statusCode(204);
        admin().get("/v1/templates/{id}", id).then().statusCode(404).contentType(PROBLEM);
        admin().delete("/v1/templates/{id}", id).then().statusCode(404);
        admin().get("/v1/templates").then().body("name", not(hasItem(renamed)));

        // And every change is in the administrative audit, by the administrator, with before and after
        List<Row> audit = auditOf(id);
        assertThat(audit).extracting(r -> r.getString("action")).containsExactly("template.created",
                "template.updated", "template.deleted");
        assertThat(audit).extracting(r -> r.getString("actor")).containsOnly(platformAdminSubject());
        assertThat(audit.get(0).getString("before")).isNull();
        assertThat(JsonPath.from(audit.get(0).getString("after")).getString("name")).isEqualTo(name);
        assertThat(JsonPath.from(audit.get(1).getString("before")).getInt("version")).isEqualTo(1);
        assertThat(JsonPath.from(audit.get(1).getString("after")).getString("name")).isEqualTo(renamed);
        assertThat(JsonPath.from(audit.get(2).getString("before")).getInt("version")).isEqualTo(2);
        assertThat(audit.get(2).getString("after")).isNull();
        assertThat(audit).extracting(r -> r.getValue("tenant_id")).containsOnlyNulls();
    }

    @Test
    void aTenantCreatedFromATemplateStartsWithItsConfigurationAsVersion1() {
        // Given a template
        String template = create(body("Blueprint " + UUID.randomUUID(), ASSISTANT)).statusCode(201).extract()
                .path("id");

        // When a tenant is created from it
        ValidatableResponse response = admin().contentType(ContentType.JSON).body("{\"name\": \"From Template\"}")
                .post("/v1/templates/{id}/tenants", template).then().statusCode(201)
                .body("name", equalTo("From Template"))
                .body("status", equalTo("ACTIVE"));
        String tenant = response.extract().path("id");
        assertThat(response.extract().<String>path("apiKey")).startsWith("ak_");
        assertThat(response.extract().header("Location")).endsWith("/v1/tenants/" + tenant);

        // Then its first assistant version is the template's configuration, on the platform's keys
        admin().get("/v1/tenants/{id}/assistant", tenant).then().statusCode(200).header("ETag", "\"1\"")
                .body("instructions", equalTo("You answer support questions."))
                .body("models[0].model", equalTo("llama3.1:8b"))
                .body("models[0].apiKeySet", equalTo(false))
                .body("tools", equalTo(List.of("time_now", "calculator")))
                .body("subagents[0].name", equalTo("researcher"))
                .body("skills[0].content", equalTo("# Refunds"))
                .body("maxToolIterations", equalTo(6))
                .body("historyTokenBudget", equalTo(6000));
        // And its audit shows the creation and the configuration from the template
        admin().get("/v1/tenants/{id}/admin-audit", tenant).then().statusCode(200).body("items.action",
                equalTo(List.of("tenant.assistant.from-template", "tenant.created")));

        // And a template that does not exist makes no tenant
        admin().contentType(ContentType.JSON).body("{\"name\": \"Nothing\"}")
                .post("/v1/templates/{id}/tenants", UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        admin().contentType(ContentType.JSON).body("{\"name\": \"\"}").post("/v1/templates/{id}/tenants", template)
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void aTenantCreatedFromATemplateGetsTheTemplatesLimits() {
        // Given a template with limits of its own
        String template = create("{\"name\": \"Limited " + UUID.randomUUID() + "\", \"assistant\": {}, "
                + "\"limits\": {\"messagesPerMinute\": 42, \"concurrentStreams\": 3}}").statusCode(201)
                .body("limits.messagesPerMinute", equalTo(42))
                .extract().path("id");

        // When a tenant is created from it
        String tenant = admin().contentType(ContentType.JSON).body("{\"name\": \"Limited tenant\"}")
                .post("/v1/templates/{id}/tenants", template).then().statusCode(201).extract().path("id");

        // Then the tenant has those limits, and the platform defaults for the others
        admin().get("/v1/tenants/{id}/limits", tenant).then().statusCode(200)
                .body("own.messagesPerMinute", equalTo(42))
                .body("own.concurrentStreams", equalTo(3))
                .body("own.messagesPerMinutePerKey", nullValue());
    }

    @Test
    void aTemplateThatNoLongerPassesTheChecksCreatesNoTenantAtAll() {
        // Given a template stored before a rule it breaks (here: a tool the platform does not have) applied
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO tenant.tenant_templates (id, name, assistant, version, created_at, updated_at) "
                + "VALUES ($1, $2, $3, 1, now(), now())")
                .execute(Tuple.of(id, "Outdated " + id, "{\"tools\": [\"retired_tool\"]}"))
                .await().atMost(Duration.ofSeconds(10));
        String name = "Never Created " + id;

        // When a tenant is created from it, the configuration is refused as a PUT would refuse it
        admin().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\"}")
                .post("/v1/templates/{id}/tenants", id).then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("tools[0]"));

        // Then the tenant was rolled back with it: neither the tenant nor its audit exists
        // (across tenants: row security would hide the rows from a transaction without a tenant)
        long tenants = RowScope.acrossTenants(pool, c -> c.preparedQuery("SELECT count(*) FROM tenant.tenants "
                + "WHERE name = $1").execute(Tuple.of(name))).await().atMost(Duration.ofSeconds(10)).iterator().next()
                .getLong(0);
        assertThat(tenants).isZero();
    }

    @Test
    void aTemplateHoldsNoKeyAndNeedsNone() {
        String secret = "sk-template-secret-" + UUID.randomUUID();
        String withKey = create(body("Keyed " + UUID.randomUUID(), "{\"models\": [{\"provider\": \"openai\", "
                + "\"model\": \"gpt-4o-mini\", \"apiKey\": \"" + secret + "\"}]}")).statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("assistant.models[0]")).extract().asString();
        assertThat(withKey).doesNotContain(secret);
        create(body("Needs key " + UUID.randomUUID(), "{\"subagents\": [{\"name\": \"s\", \"description\": \"d\", "
                + "\"models\": [{\"provider\": \"openai\", \"model\": \"gpt-4o-mini\", \"apiKeyRequired\": true}]}]}"))
                .statusCode(400).body("errors.field", hasItem("assistant.subagents[0].models[0]"));
    }

    @Test
    void malformedAndHostileTemplatesAreRefused() {
        String name = "Hostile " + UUID.randomUUID();
        for (String bad : List.of(
                "not json",
                "{}",
                "{\"name\": \"" + name + "\"}",
                "{\"name\": 5, \"assistant\": {}}",
                "{\"name\": \"" + name + "\", \"assistant\": {}, \"limits\": {\"messagesPerMinute\": 0}}",
                "{\"name\": \"" + name + "\", \"assistant\": {}, \"limits\": {\"messagesPerMinute\": \"many\"}}",
                "{\"name\": \"" + name + "\", \"assistant\": {}, \"limits\": {\"requestsPerHour\": 5}}",
                "{\"name\": \"" + name + "\", \"assistant\": {\"instructons\": \"typo\"}}",
                "{\"name\": \"" + name + "\", \"assistant\": {\"maxToolIterations\": \"5\"}}",
                "{\"name\": \"" + name + "\", \"assistant\": {\"maxToolIterations\": 51}}",
                "{\"name\": \"" + name + "\", \"assistant\": {\"tools\": [\"rm_rf\"]}}",
                "{\"name\": \"a\\u0000b\", \"assistant\": {}}",
                "{\"name\": \"" + "x".repeat(201) + "\", \"assistant\": {}}",
                "{\"name\": \"" + name + "\", \"description\": \"" + "x".repeat(1001) + "\", \"assistant\": {}}",
                "{\"name\": \"" + name + "\", \"name\": \"twice\", \"assistant\": {}}",
                "{\"name\": \"" + name + "\", \"assistant\": {\"instructions\": \"" + "x".repeat(20_001) + "\"}}",
                "{\"name\": \"" + name + "\", \"assistant\": {\"models\": [{\"provider\": \"openai\", \"model\": "
                        + "\"m\", \"baseUrl\": \"http://169.254.169.254/latest\"}]}}")) {
            create(bad).statusCode(400).contentType(PROBLEM);
        }
        create("{\"name\": \"" + name + "\", \"assistant\": {\"instructions\": \"" + "x".repeat(1_100_000) + "\"}}")
                .statusCode(413);
        admin().contentType(ContentType.TEXT).body(body(name, "{}")).post("/v1/templates").then().statusCode(415);
        admin().get("/v1/templates/{id}", "not-a-uuid").then().statusCode(404).contentType(PROBLEM);
        replace(UUID.randomUUID().toString(), body(name, "{}"), null).statusCode(404);

        // A name is unique
        create(body(name, "{}")).statusCode(201);
        create(body(name, "{}")).statusCode(409).contentType(PROBLEM);
        admin().get("/v1/templates").then().body("findAll { it.name == '" + name + "' }.size()", equalTo(1));
    }

    @Test
    void onlyPlatformAdministratorsReachTemplates() {
        // Given a template and the identities that are not platform administrators
        String id = create(body("Guarded " + UUID.randomUUID(), "{}")).statusCode(201).extract().path("id");
        String tenant = AdminApi.createTenant("{\"name\": \"Guard Corp\"}").statusCode(201).extract().path("id");
        List<String> refused = List.of(RealmUsers.token(RealmUsers.tenantAdmin(tenant)),
                RealmUsers.token(RealmUsers.tenantMember(tenant)));
        String forged = Tokens.resignedWithAnotherKey(RealmUsers.platformAdminToken());

        // Then every template operation answers them 403, and no token or a forged one 401
        for (String token : refused) {
            expectEverywhere(given().header("Authorization", "Bearer " + token), id, 403);
        }
        expectEverywhere(given(), id, 401);
        expectEverywhere(given().header("Authorization", "Bearer " + forged), id, 401);
        admin().get("/v1/templates/{id}", id).then().statusCode(200).body("version", equalTo(1));
    }

    private static void expectEverywhere(RequestSpecification base, String id, int status) {
        List<ValidatableResponse> answers = new ArrayList<>();
        answers.add(given().spec(base).get("/v1/templates").then());
        answers.add(given().spec(base).get("/v1/templates/{id}", id).then());
        answers.add(given().spec(base).contentType(ContentType.JSON).body(body("Taken", "{}")).post("/v1/templates")
                .then());
        answers.add(given().spec(base).contentType(ContentType.JSON).body(body("Taken", "{}"))
                .put("/v1/templates/{id}", id).then());
        answers.add(given().spec(base).delete("/v1/templates/{id}", id).then());
        answers.add(given().spec(base).contentType(ContentType.JSON).body("{\"name\": \"Sneaky\"}")
                .post("/v1/templates/{id}/tenants", id).then());
        for (ValidatableResponse answer : answers) {
            answer.statusCode(status).contentType(PROBLEM);
        }
    }

    private List<Row> auditOf(String templateId) {
        List<Row> rows = new ArrayList<>();
        // Template audit rows name no tenant: only a cross-tenant transaction sees them.
        RowScope.acrossTenants(pool, c -> c.preparedQuery("SELECT * FROM tenant.admin_audit WHERE subject_id = $1 "
                + "ORDER BY id").execute(Tuple.of(templateId))).await().atMost(Duration.ofSeconds(10))
                .forEach(rows::add);
        return rows;
    }

    private static String body(String name, String assistant) {
        return "{\"name\": \"" + name + "\", \"description\": \"A test template.\", \"assistant\": " + assistant + "}";
    }

    private static ValidatableResponse create(String body) {
        return admin().contentType(ContentType.JSON).body(body).post("/v1/templates").then();
    }

    private static ValidatableResponse replace(String id, String body, String ifMatch) {
        RequestSpecification request = admin().contentType(ContentType.JSON).body(body);
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.put("/v1/templates/{id}", id).then();
    }

    private static String platformAdminSubject() {
        return Tokens.claims(AdminApi.token()).get("sub").asText();
    }
}
