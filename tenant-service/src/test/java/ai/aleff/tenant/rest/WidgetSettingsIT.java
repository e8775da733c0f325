package ai.aleff.tenant.rest;

import static ai.aleff.tenant.rest.AdminApi.admin;
import static ai.aleff.tenant.rest.ApiKeyResourceIT.awaitVersion;
import static ai.aleff.tenant.rest.ApiKeyResourceIT.newTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.WidgetSettings;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.identity.KeycloakResource;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(PostgresResource.class)
class WidgetSettingsIT {

    private static final String PROBLEM = "application/problem+json";
    private static final String PATH = "/v1/tenants/{id}/widget";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void widgetIsOffUntilOriginsAreSetThenTheSettingsArePublished() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.TENANT_CONFIG)) {
            // Given a new tenant: no origin may use its widget
            String id = newTenant().getString("id");
            admin().get(PATH, id).then().statusCode(200)
                    .body("allowedOrigins", equalTo(List.of()))
                    .body("anonymousVisitors", equalTo(true));

            // When its administrator allows two origins for verified users only
            admin().contentType(ContentType.JSON)
                    .body("{\"allowedOrigins\":[\"https://shop.example.com\",\"http://127.0.0.1:3000\"],"
                            + "\"anonymousVisitors\":false}")
                    .put(PATH, id)
                    .then()
                    .statusCode(200)
                    .body("allowedOrigins", equalTo(List.of("https://shop.example.com", "http://127.0.0.1:3000")));

            // Then the configuration carries them, and the change is audited
            WidgetSettings published = awaitVersion(probe, id, 2).widget();
            assertThat(published).isEqualTo(
                    new WidgetSettings(List.of("https://shop.example.com", "http://127.0.0.1:3000"), false));
            admin().get("/v1/tenants/{id}/admin-audit", id).then().statusCode(200)
                    .body("items.find { it.action == 'tenant.widget.updated' }.after.anonymousVisitors",
                            equalTo(false));
        }
    }

    @Test
    void originsWithPathsOtherSchemesOrMissingFieldsAreRefused() {
        // Given a tenant
        String id = newTenant().getString("id");

        // When / Then
        for (String body : List.of(
                "{\"allowedOrigins\":[\"https://shop.example.com/chat\"],\"anonymousVisitors\":true}",
                "{\"allowedOrigins\":[\"javascript:alert(1)\"],\"anonymousVisitors\":true}",
                "{\"allowedOrigins\":[\"*\"],\"anonymousVisitors\":true}",
                "{\"allowedOrigins\":[\"https://a.example\"]}", "{not json")) {
            admin().contentType(ContentType.JSON).body(body).put(PATH, id).then().statusCode(400).contentType(PROBLEM);
        }
        admin().get(PATH, id).then().statusCode(200).body("allowedOrigins", equalTo(List.of()));
    }
}
