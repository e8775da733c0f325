package ai.aleff.tenant.rest;

import static ai.aleff.tenant.rest.AdminApi.admin;
import static ai.aleff.tenant.rest.ApiKeyResourceIT.awaitVersion;
import static ai.aleff.tenant.rest.ApiKeyResourceIT.newTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.EndUserIdentity;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.platform.secrets.SecretCipher;
import ai.aleff.platform.secrets.SecretPlace;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.identity.KeycloakResource;
import ai.aleff.testkit.identity.RealmUsers;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(PostgresResource.class)
class EndUserIdentityIT {

    private static final String PROBLEM = "application/problem+json";
    private static final String PATH = "/v1/tenants/{id}/end-user-identity";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    SecretCipher cipher;

    @Test
    void aNewTenantHasNoSecretAndMemoryOnlyForVerifiedUsers() {
        // Given a new tenant; When its end-user identity is read
        String id = newTenant().getString("id");

        // Then it has no identity secret and unverified users get no memory
        admin().get(PATH, id).then().statusCode(200)
                .body("secretConfigured", equalTo(false))
                .body("secretHint", nullValue())
                .body("secretCreatedAt", nullValue())
                .body("unverifiedMemoryInOneToOne", equalTo(false));
    }

    @Test
    void aSecretIsShownOnceStoredAndPublishedOnlyEncryptedAndAuditedWithoutIt() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.TENANT_CONFIG)) {
            // Given a tenant
            String id = newTenant().getString("id");

            // When its administrator creates an identity secret
            String secret = admin().post(PATH + "/secret", id).then().statusCode(201)
                    .contentType(ContentType.JSON)
                    .header("Cache-Control", "no-store")
                    .body("identity.secretConfigured", equalTo(true))
                    .extract().path("secret");

            // Then it is 32 random bytes in base64url, never shown again
            assertThat(secret).matches("[A-Za-z0-9_-]{43}");
            String read = admin().get(PATH, id).then().statusCode(200)
                    .body("secretConfigured", equalTo(true))
                    .body("secretHint", equalTo(secret.substring(39)))
                    .extract().asString();
            assertThat(read).doesNotContain(secret);
            // And the configuration carries it only encrypted, bound to the tenant
            TenantConfigurationChanged published = awaitVersion(probe, id, 2);
            EndUserIdentity endUsers = published.endUsers();
            assertThat(cipher.decrypt(SecretPlace.named(id, SecretPlace.IDENTITY_SECRET), endUsers.identitySecret()))
                    .isEqualTo(secret);
            assertThat(endUsers.unverifiedMemoryInOneToOne()).isFalse();
            assertThat(probe.records()).allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                    .doesNotContain(secret));
            // And the audit says who created it, without the secret or its hint
            String audit = admin().get("/v1/tenants/{id}/admin-audit", id).then().statusCode(200)
                    .body("items.find { it.action == 'tenant.identity-secret.created' }.after.secretConfigured",
                            equalTo(true))
                    .extract().asString();
            assertThat(audit).doesNotContain(secret).doesNotContain("\"" + secret.substring(39) + "\"");
        }
    }

    @Test
    void rotatingReplacesTheSecretAndDeletingRemovesItOnce() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.TENANT_CONFIG)) {
            // Given a tenant with an identity secret
            String id = newTenant().getString("id");
            String first = admin().post(PATH + "/secret", id).then().statusCode(201).extract().path("secret");

            // When it is rotated, then removed twice, then the policy changed (a marker version)
            String second = admin().post(PATH + "/secret", id).then().statusCode(201).extract().path("secret");
            admin().delete(PATH + "/secret", id).then().statusCode(200).body("secretConfigured", equalTo(false));
            admin().delete(PATH + "/secret", id).then().statusCode(200).body("secretConfigured", equalTo(false));
            admin().contentType(ContentType.JSON).body("{\"unverifiedMemoryInOneToOne\": true}").put(PATH, id).then()
                    .statusCode(200).body("unverifiedMemoryInOneToOne", equalTo(true));

            // Then the rotation published a new secret, the removal none, and the second removal nothing at all
            assertThat(second).isNotEqualTo(first);
            assertThat(cipher.decrypt(SecretPlace.named(id, SecretPlace.IDENTITY_SECRET),
                    awaitVersion(probe, id, 3).endUsers().identitySecret())).isEqualTo(second);
            assertThat(awaitVersion(probe, id, 4).endUsers()).isEqualTo(EndUserIdentity.none());
            assertThat(awaitVersion(probe, id, 5).endUsers().unverifiedMemoryInOneToOne()).isTrue();
            assertThat(probe.events(TenantConfigurationChanged.class, c -> c.tenantId().equals(id)))
                    .extracting(e -> e.data().version()).containsExactly(1L, 2L, 3L, 4L, 5L);
            // And each change is audited
            admin().get("/v1/tenants/{id}/admin-audit", id).then().statusCode(200)
                    .body("items.action", org.hamcrest.Matchers.hasItems("tenant.identity-secret.created",
                            "tenant.identity-secret.rotated", "tenant.identity-secret.deleted",
                            "tenant.end-user-policy.updated"));
        }
    }

    @Test
    void malformedOrHostilePolicyBodiesAre400Problems() {
        String id = newTenant().getString("id");
        for (String body : List.of("{}", "{\"unverifiedMemoryInOneToOne\": null}",
                "{\"unverifiedMemoryInOneToOne\": \"true\"}", "{\"unverifiedMemoryInOneToOne\": 1}",
                "{\"unverifiedMemoryInOneToOne\": true, \"secret\": \"mine\"}",
                "{\"unverifiedMemoryInOneToOne\": false, \"unverifiedMemoryInOneToOne\": true}", "not json", "[]",
                "true")) {
            admin().contentType(ContentType.JSON).body(body).put(PATH, id).then().statusCode(400)
                    .contentType(PROBLEM);
        }
        admin().contentType(ContentType.TEXT).body("unverifiedMemoryInOneToOne=true").put(PATH, id).then()
                .statusCode(415);
        admin().get(PATH, id).then().body("unverifiedMemoryInOneToOne", equalTo(false));
        // And a tenant id that is not one is simply not found
        admin().post(PATH + "/secret", "../../v1/tenants").then().statusCode(org.hamcrest.Matchers.oneOf(403, 404));
        admin().post(PATH + "/secret", "00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType(PROBLEM);
    }

    @Test
    void itsAdministratorsManageMembersOnlyReadAndOtherTenantsNeither() {
        // Given a tenant, its administrator and member, and another tenant's administrator
        String id = newTenant().getString("id");
        String other = newTenant().getString("id");
        String tenantAdmin = RealmUsers.token(RealmUsers.tenantAdmin(id));
        String member = RealmUsers.token(RealmUsers.tenantMember(id));
        String otherAdmin = RealmUsers.token(RealmUsers.tenantAdmin(other));

        // Then its administrator creates, rotates and removes the secret and sets the policy
        given().auth().oauth2(tenantAdmin).post(PATH + "/secret", id).then().statusCode(201);
        given().auth().oauth2(tenantAdmin).contentType(ContentType.JSON).body("{\"unverifiedMemoryInOneToOne\": true}")
                .put(PATH, id).then().statusCode(200);
        // And its member reads but changes nothing
        given().auth().oauth2(member).get(PATH, id).then().statusCode(200).body("secretConfigured", equalTo(true));
        for (ValidatableResponse refused : List.of(
                given().auth().oauth2(member).post(PATH + "/secret", id).then(),
                given().auth().oauth2(member).delete(PATH + "/secret", id).then(),
                given().auth().oauth2(member).contentType(ContentType.JSON)
                        .body("{\"unverifiedMemoryInOneToOne\": false}").put(PATH, id).then(),
                given().auth().oauth2(otherAdmin).get(PATH, id).then(),
                given().auth().oauth2(otherAdmin).post(PATH + "/secret", id).then(),
                given().auth().oauth2(otherAdmin).delete(PATH + "/secret", id).then())) {
            refused.statusCode(403).contentType(PROBLEM);
        }
        // And without a token nothing at all
        given().get(PATH, id).then().statusCode(401);
        given().post(PATH + "/secret", id).then().statusCode(401);
        given().delete(PATH + "/secret", id).then().statusCode(401);
        given().auth().oauth2(tenantAdmin).get(PATH, id).then().body("secretConfigured", equalTo(true))
                .body("unverifiedMemoryInOneToOne", equalTo(true));
        given().auth().oauth2(tenantAdmin).delete(PATH + "/secret", id).then().statusCode(200);
    }
}
