package ai.aleff.tenant.rest;

import static ai.aleff.tenant.rest.AdminApi.admin;
import static ai.aleff.tenant.rest.AdminApi.createTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.identity.KeycloakResource;
import ai.aleff.testkit.identity.RealmUsers;
import ai.aleff.testkit.identity.RealmUsers.TestUser;
import ai.aleff.testkit.identity.Tokens;

/**
 * Every identity against every admin endpoint: the documented status, problem+json on refusals, and nothing of
 * another tenant in any refused body. Another tenant is refused with 403 whether it exists or not.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KeycloakResource.class)
class AdminApiIdentitiesIT {

    private static final String TENANT_NAME = "Identity Matrix Corp";

    /** One admin endpoint: the request it makes for a token and a tenant id. */
    private record Endpoint(String name, boolean changes, BiFunction<RequestSpecification, String, Response> call) {
    }

    private static final List<Endpoint> TENANT_ENDPOINTS = List.of(
            new Endpoint("GET tenant", false, (r, id) -> r.get("/v1/tenants/" + id)),
            new Endpoint("GET assistant", false, (r, id) -> r.get("/v1/tenants/" + id + "/assistant")),
            new Endpoint("GET versions", false, (r, id) -> r.get("/v1/tenants/" + id + "/assistant/versions")),
            new Endpoint("GET version 1", false, (r, id) -> r.get("/v1/tenants/" + id + "/assistant/versions/1")),
            new Endpoint("PUT assistant", true, (r, id) -> r.contentType(ContentType.JSON)
                    .body("{\"instructions\": \"Changed by a test.\"}")
                    .put("/v1/tenants/" + id + "/assistant")),
            new Endpoint("POST restore", true,
                    (r, id) -> r.post("/v1/tenants/" + id + "/assistant/versions/1/restore")),
            new Endpoint("GET export", false, (r, id) -> r.get("/v1/tenants/" + id + "/export")),
            new Endpoint("POST import", true, (r, id) -> r.contentType(ContentType.JSON)
                    .body("{\"format\": \"aleff.tenant-export.v1\", \"assistant\": {\"instructions\": \"Imported by a test.\"}}")
                    .post("/v1/tenants/" + id + "/import")));

    private String tenant;
    private String otherTenant;

    @BeforeEach
    void twoTenantsWithAnAssistantVersion() {
        tenant = createTenant("{\"name\": \"" + TENANT_NAME + "\"}").statusCode(201).extract().path("id");
        otherTenant = createTenant("{\"name\": \"Other Corp\"}").statusCode(201).extract().path("id");
        admin().contentType(ContentType.JSON).body("{\"instructions\": \"First.\"}")
                .put("/v1/tenants/" + tenant + "/assistant").then().statusCode(200);
    }

    @Test
    void aTenantAdministratorReadsAndManagesOnlyTheirOwnTenant() {
        // Given an administrator of the tenant and one of another tenant
        String own = RealmUsers.token(RealmUsers.tenantAdmin(tenant));
        String other = RealmUsers.token(RealmUsers.tenantAdmin(otherTenant));

        // Then the own administrator may do everything on their tenant, nothing on another, and create no tenant
        for (Endpoint endpoint : TENANT_ENDPOINTS) {
            expect(endpoint, own, tenant, 200);
            expect(endpoint, own, otherTenant, 403);
            expect(endpoint, other, tenant, 403);
        }
        expectCreate(own, 403);
    }

    @Test
    void anotherTenantIsRefusedTheSameWhetherItExistsOrNot() {
        // Given an administrator of another tenant
        String other = RealmUsers.token(RealmUsers.tenantAdmin(otherTenant));

        // Then an existing tenant and an id that names none answer alike, and never show the tenant
        for (Endpoint endpoint : TENANT_ENDPOINTS) {
            Response existing = expect(endpoint, other, tenant, 403);
            Response missing = expect(endpoint, other, UUID.randomUUID().toString(), 403);
            assertThat(existing.jsonPath().getString("detail")).isEqualTo(missing.jsonPath().getString("detail"));
            expect(endpoint, other, "not-a-uuid", 403);
        }
    }

    @Test
    void aTenantMemberOnlyReadsTheirOwnTenant() {
        // Given a member of the tenant
        String member = RealmUsers.token(RealmUsers.tenantMember(tenant));

        // Then reads succeed, changes are refused, and another tenant is out of reach
        for (Endpoint endpoint : TENANT_ENDPOINTS) {
            expect(endpoint, member, tenant, endpoint.changes() ? 403 : 200);
            expect(endpoint, member, otherTenant, 403);
        }
        expectCreate(member, 403);
        admin().get("/v1/tenants/" + tenant + "/assistant").then().body("instructions",
                org.hamcrest.Matchers.equalTo("First."));
    }

    @Test
    void aPlatformAdministratorReadsAndManagesAnyTenantAndCreatesTenants() {
        // Given a platform administrator
        String platform = RealmUsers.token(RealmUsers.platformAdmin());

        // Then every tenant is reachable, an unknown one is a plain 404, and tenants can be created
        for (Endpoint endpoint : TENANT_ENDPOINTS) {
            expect(endpoint, platform, tenant, 200);
            expect(endpoint, platform, UUID.randomUUID().toString(), 404);
        }
        expectCreate(platform, 201);
    }

    @Test
    void aTenantRoleWithoutATenantReachesNoTenant() {
        // Given a tenant administrator whose user has no tenant attribute
        String orphan = RealmUsers.token(RealmUsers.create("tenant-admin", null));

        // Then no tenant is theirs
        for (Endpoint endpoint : TENANT_ENDPOINTS) {
            expect(endpoint, orphan, tenant, 403);
        }
    }

    @Test
    void noTokenIsA401ProblemWithABearerChallengeOnEveryEndpoint() {
        for (Endpoint endpoint : TENANT_ENDPOINTS) {
            Response response = endpoint.call().apply(given(), tenant);
            assertRefused(endpoint.name() + " without a token", response, 401);
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
    }

    @Test
    void anExpiredTokenIsA401Problem() {
        // Given a tenant administrator's token that lives one second, once it has expired
        TestUser own = RealmUsers.tenantAdmin(tenant);
        String token = RealmUsers.shortLivedToken(own);
        Instant expiry = Tokens.expiresAt(token);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(expiry.plusSeconds(1)));

        // Then it is refused everywhere, while a fresh token of the same user is accepted
        for (Endpoint endpoint : TENANT_ENDPOINTS) {
            expect(endpoint, token, tenant, 401);
        }
        expect(TENANT_ENDPOINTS.getFirst(), RealmUsers.token(own), tenant, 200);
    }

    @Test
    void aTokenSignedByAnotherKeyIsA401Problem() {
        // Given a platform administrator's real token, its claims re-signed with a key the realm never had
        String forged = Tokens.resignedWithAnotherKey(RealmUsers.token(RealmUsers.platformAdmin()));

        // Then it is refused everywhere, creation included
        for (Endpoint endpoint : TENANT_ENDPOINTS) {
            expect(endpoint, forged, tenant, 401);
        }
        expectCreate(forged, 401);
    }

    @Test
    void aTokenForAnotherAudienceIsA401Problem() {
        // Given a valid token of the realm for the tenant's own administrator, issued to another application
        String otherAudience = RealmUsers.tokenForAnotherAudience(RealmUsers.tenantAdmin(tenant));

        // Then the platform does not accept it
        for (Endpoint endpoint : TENANT_ENDPOINTS) {
            expect(endpoint, otherAudience, tenant, 401);
        }
    }

    private Response expect(Endpoint endpoint, String token, String tenantId, int status) {
        Response response = endpoint.call().apply(given().header("Authorization", "Bearer " + token), tenantId);
        String cell = endpoint.name() + " on " + (tenantId.equals(tenant) ? "the tenant" : tenantId);
        if (status >= 400) {
            assertRefused(cell, response, status);
        } else {
            assertThat(response.statusCode()).as(cell + ": " + response.asString()).isEqualTo(status);
        }
        return response;
    }

    private void expectCreate(String token, int status) {
        Response response = given().header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON)
                .body("{\"name\": \"Created In A Test\"}")
                .post("/v1/tenants");
        if (status >= 400) {
            assertRefused("POST tenants", response, status);
        } else {
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        }
    }

    /** A refusal is problem+json and shows nothing of the tenant it was about. */
    private void assertRefused(String cell, Response response, int status) {
        assertThat(response.statusCode()).as(cell + ": " + response.asString()).isEqualTo(status);
        assertThat(response.contentType()).as(cell).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).as(cell).isEqualTo(status);
        List<String> leaks = new ArrayList<>();
        for (String secret : List.of(tenant, TENANT_NAME, "First.")) {
            if (response.asString().contains(secret)) {
                leaks.add(secret);
            }
        }
        assertThat(leaks).as(cell + " body " + response.asString()).isEmpty();
    }
}
