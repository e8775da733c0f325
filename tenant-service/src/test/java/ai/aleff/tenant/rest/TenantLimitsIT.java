package ai.aleff.tenant.rest;

import static ai.aleff.tenant.rest.AdminApi.admin;
import static ai.aleff.tenant.rest.ApiKeyResourceIT.awaitVersion;
import static ai.aleff.tenant.rest.ApiKeyResourceIT.newTenant;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.contracts.events.TenantLimits;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.identity.KeycloakResource;
import ai.aleff.testkit.identity.RealmUsers;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(PostgresResource.class)
class TenantLimitsIT {

    private static final String PROBLEM = "application/problem+json";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void aNewTenantHasThePlatformDefaults() {
        // Given a new tenant; When its limits are read
        String id = newTenant().getString("id");

        // Then it has no own limits, and the defaults apply
        admin().get("/v1/tenants/{id}/limits", id).then().statusCode(200)
                .body("own.messagesPerMinute", nullValue())
                .body("effective.messagesPerMinute", equalTo(600))
                .body("effective.messagesPerMinutePerKey", equalTo(300))
                .body("effective.concurrentStreams", equalTo(100))
                .body("effective.conversationsPerDay", equalTo(10000));
    }

    @Test
    void aPlatformAdministratorSetsLimitsWhichArePublishedAndAudited() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.TENANT_CONFIG)) {
            // Given a tenant
            String id = newTenant().getString("id");

            // When a platform administrator sets two limits, then the same again
            put(id, "{\"messagesPerMinute\": 120, \"concurrentStreams\": 5}").statusCode(200)
                    .body("own.messagesPerMinute", equalTo(120))
                    .body("own.messagesPerMinutePerKey", nullValue())
                    .body("effective.messagesPerMinute", equalTo(120))
                    .body("effective.messagesPerMinutePerKey", equalTo(300))
                    .body("effective.concurrentStreams", equalTo(5));
            put(id, "{\"messagesPerMinute\": 120, \"concurrentStreams\": 5}").statusCode(200);

            // Then the configuration carries them, once (version 2 and no other)
            TenantConfigurationChanged published = awaitVersion(probe, id, 2);
            assertThat(published.limits()).isEqualTo(new TenantLimits(120, null, 5, null));
            // And they are audited with who and before/after
            admin().get("/v1/tenants/{id}/admin-audit", id).then().statusCode(200)
                    .body("items.find { it.action == 'tenant.limits.updated' }.after.messagesPerMinute",
                            equalTo(120));
            // And clearing one returns it to the default
            put(id, "{\"concurrentStreams\": 5}").statusCode(200).body("effective.messagesPerMinute", equalTo(600));
            assertThat(awaitVersion(probe, id, 3).limits()).isEqualTo(new TenantLimits(null, null, 5, null));
            // And token quotas are set, shown and published the same way (no default quota: effective null)
            put(id, "{\"concurrentStreams\": 5, \"tokensPerDay\": 200000}").statusCode(200)
                    .body("own.tokensPerDay", equalTo(200000)).body("effective.tokensPerDay", equalTo(200000))
                    .body("effective.tokensPerMonth", nullValue());
            assertThat(awaitVersion(probe, id, 4).limits()).isEqualTo(new TenantLimits(null, null, 5, null, 200000L,
                    null));
            assertThat(probe.events(TenantConfigurationChanged.class, c -> c.tenantId().equals(id))).hasSize(4);
        }
    }

    @Test
    void limitsThatAreNotPositiveBoundedIntegersAre400Problems() {
        String id = newTenant().getString("id");
        for (String body : List.of("{\"messagesPerMinute\": 0}", "{\"messagesPerMinute\": -5}",
                "{\"concurrentStreams\": 1000001}", "{\"conversationsPerDay\": 2.5}",
                "{\"messagesPerMinute\": \"10\"}", "{\"messagesPerMinute\": 99999999999}", "{\"unknown\": 1}",
                "{\"messagesPerMinute\": 1, \"messagesPerMinute\": 2}", "not json", "[]", "{\"tokensPerDay\": 0}",
                "{\"tokensPerMonth\": 1000000000001}", "{\"tokensPerDay\": 1.5}", "{\"tokensPerMonth\": \"9\"}")) {
            put(id, body).statusCode(400).contentType(PROBLEM);
        }
        admin().get("/v1/tenants/{id}/limits", id).then().body("own.messagesPerMinute", nullValue())
                .body("own.tokensPerDay", nullValue());
    }

    @Test
    void tenantPeopleReadTheirLimitsButOnlyPlatformAdministratorsChangeThem() {
        // Given a tenant, its administrator and member, and another tenant's administrator
        String id = newTenant().getString("id");
        String other = newTenant().getString("id");
        String tenantAdmin = RealmUsers.token(RealmUsers.tenantAdmin(id));
        String member = RealmUsers.token(RealmUsers.tenantMember(id));
        String otherAdmin = RealmUsers.token(RealmUsers.tenantAdmin(other));

        // Then its people read, nobody of it changes, and another tenant's administrator does neither
        for (String token : List.of(tenantAdmin, member)) {
            given().auth().oauth2(token).get("/v1/tenants/{id}/limits", id).then().statusCode(200);
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"messagesPerMinute\": 100000}")
                    .put("/v1/tenants/{id}/limits", id).then().statusCode(403).contentType(PROBLEM);
        }
        given().auth().oauth2(otherAdmin).get("/v1/tenants/{id}/limits", id).then().statusCode(403);
        given().get("/v1/tenants/{id}/limits", id).then().statusCode(401);
        given().contentType(ContentType.JSON).body("{}").put("/v1/tenants/{id}/limits", id).then().statusCode(401);
        admin().get("/v1/tenants/{id}/limits", "00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }

    private static ValidatableResponse put(String id, String body) {
        return admin().contentType(ContentType.JSON).body(body).put("/v1/tenants/{id}/limits", id).then();
    }
}
