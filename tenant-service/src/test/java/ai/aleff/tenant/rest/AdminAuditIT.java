package ai.aleff.tenant.rest;

import static ai.aleff.tenant.rest.AdminApi.admin;
import static ai.aleff.tenant.rest.ApiKeyResourceIT.createKey;
import static ai.aleff.tenant.rest.ApiKeyResourceIT.newTenant;
import static ai.aleff.tenant.rest.ApiKeyResourceIT.onlyKeyId;
import static ai.aleff.tenant.rest.ApiKeyResourceIT.rotate;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.platform.database.RowScope;
import ai.aleff.platform.tenancy.ApiKeys;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.identity.KeycloakResource;
import ai.aleff.testkit.identity.Tokens;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KeycloakResource.class)
class AdminAuditIT {

    private static final String PROBLEM = "application/problem+json";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    @Test
    void everyChangeIsAuditedWithWhoWhatAndBeforeAndAfterButNoSecret() {
        // Given a tenant that is renamed, gets an assistant with its own provider key and a second API key, rotates
        // its first key and is disabled
        JsonPath tenant = newTenant();
        String id = tenant.getString("id");
        admin().contentType(ContentType.JSON).body("{\"name\": \"Audited\"}").patch("/v1/tenants/{id}", id).then()
                .statusCode(200);
        String providerKey = "sk-provider-secret-" + UUID.randomUUID();
        admin().contentType(ContentType.JSON)
                .body("{\"models\": [{\"provider\": \"openai\", \"model\": \"gpt-4o-mini\", \"apiKey\": \""
                        + providerKey + "\"}]}")
                .put("/v1/tenants/{id}/assistant", id)
                .then()
                .statusCode(200);
        String second = createKey(id, "{\"name\": \"second\"}").statusCode(201).extract().path("apiKey");
        String rotated = rotate(id, onlyKeyId(id), "{\"overlapSeconds\": 30}").statusCode(201).extract()
                .path("apiKey");
        admin().post("/v1/tenants/{id}/disable", id).then().statusCode(200);

        // When its administrative audit is read
        String body = admin().get("/v1/tenants/{id}/admin-audit", id).then().statusCode(200).extract().asString();
        JsonPath audit = JsonPath.from(body);

        // Then every change is there, newest first, by the platform administrator (its token subject), with its before and after
        assertThat(audit.getList("items.action")).containsExactly("tenant.disabled", "tenant.api-key.rotated",
                "tenant.api-key.created", "tenant.assistant.updated", "tenant.renamed", "tenant.created");
        assertThat(audit.getList("items.actor")).containsOnly(platformAdminSubject());
        assertThat(audit.getString("items[0].before.status")).isEqualTo("ACTIVE");
        assertThat(audit.getString("items[0].after.status")).isEqualTo("DISABLED");
        assertThat(audit.getString("items[1].before.status")).isEqualTo("ACTIVE");
        assertThat(audit.getString("items[1].after.rotated.status")).isEqualTo("ROTATING");
        assertThat(audit.getString("items[1].after.successor.prefix")).isEqualTo(rotated.substring(0, 11));
        assertThat(audit.getString("items[2].before")).isNull();
        assertThat(audit.getString("items[2].after.name")).isEqualTo("second");
        assertThat(audit.getInt("items[3].before.version")).isZero();
        assertThat(audit.getInt("items[3].after.version")).isEqualTo(1);
        assertThat(audit.getString("items[3].after.summary")).contains("openai/gpt-4o-mini (own key)");
        assertThat(audit.getString("items[4].after.name")).isEqualTo("Audited");
        assertThat(audit.getString("items[5].after.status")).isEqualTo("ACTIVE");

        // And no key, no key hash, no provider key appears anywhere
        assertThat(body).doesNotContain(providerKey);
        for (String key : List.of(tenant.getString("apiKey"), second, rotated)) {
            assertThat(body).doesNotContain(key).doesNotContain(ApiKeys.hash(key));
        }
    }

    @Test
    void theAuditTopicNamesTheActorToo() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.AUDIT)) {
            // Given a tenant that gets a key
            String id = newTenant().getString("id");
            String apiKey = createKey(id, "{\"name\": \"topic\"}").statusCode(201).extract().path("apiKey");

            // Then the platform-wide audit record says who, and shares its id with the administrative record
            AuditRecord record = probe.awaitOne(AuditRecord.class,
                    r -> r.tenantId().equals(id) && r.action().equals("tenant.api-key.created")).data();
            assertThat(record.detail()).contains("(by " + platformAdminSubject() + ")").doesNotContain(apiKey);
            assertThat(admin().get("/v1/tenants/{id}/admin-audit", id).then().extract().jsonPath()
                    .getString("items[0].recordId")).isEqualTo(record.recordId());
        }
    }

    @Test
    void pagesOfOneWalkTheWholeAuditOnce() {
        // Given a tenant with four audited changes
        String id = newTenant().getString("id");
        for (int i = 0; i < 3; i++) {
            createKey(id, "{\"name\": \"k" + i + "\"}").statusCode(201);
        }

        // When it is read one record at a time
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request = admin().queryParam("limit", 1);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/tenants/{id}/admin-audit", id).then().statusCode(200).extract()
                    .jsonPath();
            assertThat(page.getList("items")).hasSize(1);
            ids.add(page.getString("items[0].recordId"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);

        // Then it saw each of the four once
        assertThat(ids).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void badCursorsLimitsAndIdsAreRefused() {
        String id = newTenant().getString("id");
        String tenantsCursor = admin().queryParam("limit", 1).get("/v1/tenants").then().extract().path("nextCursor");
        for (String cursor : List.of("", "nonsense!", "YWRtaW4tYXVkaXQudjF8MA", "YWRtaW4tYXVkaXQudjF8LTE",
                tenantsCursor)) {
            admin().queryParam("cursor", cursor).get("/v1/tenants/{id}/admin-audit", id).then().statusCode(400)
                    .contentType(PROBLEM);
        }
        admin().queryParam("limit", 0).get("/v1/tenants/{id}/admin-audit", id).then().statusCode(400);
        admin().get("/v1/tenants/{id}/admin-audit", UUID.randomUUID()).then().statusCode(404).contentType(PROBLEM);
        admin().get("/v1/tenants/{id}/admin-audit", "nope").then().statusCode(404);
        given().get("/v1/tenants/{id}/admin-audit", id).then().statusCode(401).contentType(PROBLEM);
        given().header("Authorization", "Bearer wrong").get("/v1/tenants/{id}/admin-audit", id).then()
                .statusCode(401);
    }

    @Test
    void theAdministrativeAuditCannotBeRewrittenOrTruncated() {
        // Given a tenant with its creation audited
        String id = newTenant().getString("id");

        // When the service's own database role updates or deletes the records (in the tenant's transaction, so row
        // security shows them), the append-only trigger refuses it
        for (String sql : List.of("UPDATE tenant.admin_audit SET actor = 'someone else' WHERE tenant_id = $1",
                "DELETE FROM tenant.admin_audit WHERE tenant_id = $1")) {
            assertThatThrownBy(() -> RowScope.inTenant(pool, id, c -> c.preparedQuery(sql)
                    .execute(Tuple.of(UUID.fromString(id)))).await()
                    .atMost(Duration.ofSeconds(10))).hasMessageContaining("append-only");
        }
        // And TRUNCATE is not even granted to that role (the trigger also refuses it for the table's owner)
        assertThatThrownBy(() -> pool.query("TRUNCATE tenant.admin_audit").execute().await()
                .atMost(Duration.ofSeconds(10))).hasMessageContaining("permission denied");
        admin().get("/v1/tenants/{id}/admin-audit", id).then().body("items[0].actor", equalTo(platformAdminSubject()));
    }

    /** Who the administrative audit names for AdminApi's calls: the platform administrator's token subject. */
    private static String platformAdminSubject() {
        return Tokens.claims(AdminApi.token()).get("sub").asText();
    }
}
