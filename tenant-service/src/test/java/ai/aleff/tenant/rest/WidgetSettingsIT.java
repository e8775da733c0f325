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
import ai.aleff.contracts.events.WidgetAppearance;
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
                    new WidgetSettings(List.of("https://shop.example.com", "http://127.0.0.1:3000"), false, null));
            admin().get("/v1/tenants/{id}/admin-audit", id).then().statusCode(200)
                    .body("items.find { it.action == 'tenant.widget.updated' }.after.anonymousVisitors",
                            equalTo(false));
        }
    }

    @Test
    void appearanceIsStoredAndPublished() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.TENANT_CONFIG)) {
            // Given a new tenant
            String id = newTenant().getString("id");

            // When its administrator sets a title, a colour, a welcome message and the left corner
            admin().contentType(ContentType.JSON)
                    .body("{\"allowedOrigins\":[\"https://shop.example.com\"],\"anonymousVisitors\":true,"
                            + "\"appearance\":{\"title\":\"Shop help\",\"primaryColor\":\"#0A7d3c\","
                            + "\"welcomeMessage\":\"Hi! Ask about orders.\",\"launcherPosition\":\"left\"}}")
                    .put(PATH, id)
                    .then()
                    .statusCode(200)
                    .body("appearance.title", equalTo("Shop help"));

            // Then it reads back and the configuration carries it
            admin().get(PATH, id).then().statusCode(200)
                    .body("appearance.primaryColor", equalTo("#0A7d3c"))
                    .body("appearance.launcherPosition", equalTo("left"));
            assertThat(awaitVersion(probe, id, 2).widget().appearance()).isEqualTo(
                    new WidgetAppearance("Shop help", "#0A7d3c", "Hi! Ask about orders.", "left"));
        }
    }

    @Test
    void avatarHttpsUrlIsStoredAndPublishedAndOtherUrlsAreRefused() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.TENANT_CONFIG)) {
            // Given a new tenant
            String id = newTenant().getString("id");
            String origins = "\"allowedOrigins\":[\"https://shop.example.com\"],\"anonymousVisitors\":true";

            // When its administrator sets an https avatar
            admin().contentType(ContentType.JSON)
                    .body("{" + origins + ",\"appearance\":{\"avatarUrl\":\"https://cdn.shop.example/a.png?v=2\"}}")
                    .put(PATH, id)
                    .then()
                    .statusCode(200)
                    .body("appearance.avatarUrl", equalTo("https://cdn.shop.example/a.png?v=2"));

            // Then it reads back and the configuration carries it
            admin().get(PATH, id).then().statusCode(200)
                    .body("appearance.avatarUrl", equalTo("https://cdn.shop.example/a.png?v=2"));
            assertThat(awaitVersion(probe, id, 2).widget().appearance()).isEqualTo(
                    new WidgetAppearance(null, null, null, "right", "https://cdn.shop.example/a.png?v=2"));

            // And http, javascript:, data:, relative, credentials, spaces and over-long URLs are 400, the avatar kept
            for (String bad : List.of("http://cdn.shop.example/a.png", "javascript:alert(1)",
                    "data:image/png;base64,AAAA", "/a.png", "https://user:pw@cdn.shop.example/a.png",
                    "https://cdn.shop.example/a b.png", "https://" + "a".repeat(500) + ".example", "https://")) {
                admin().contentType(ContentType.JSON)
                        .body("{" + origins + ",\"appearance\":{\"avatarUrl\":\"" + bad + "\"}}")
                        .put(PATH, id)
                        .then()
                        .statusCode(400)
                        .contentType(PROBLEM);
            }
            admin().get(PATH, id).then().statusCode(200)
                    .body("appearance.avatarUrl", equalTo("https://cdn.shop.example/a.png?v=2"));
        }
    }

    @Test
    void theWidgetsLanguageIsStoredAndPublishedAndOnlyEnOrPtBrIsAccepted() {
        try (EventProbe probe = EventProbe.open(bootstrap, Topics.TENANT_CONFIG)) {
            // Given a new tenant, whose widget follows the visitor's browser (no language)
            String id = newTenant().getString("id");
            String origins = "\"allowedOrigins\":[\"https://shop.example.com\"],\"anonymousVisitors\":true";

            // When its administrator sets Portuguese (Brazil)
            admin().contentType(ContentType.JSON)
                    .body("{" + origins + ",\"appearance\":{\"locale\":\"pt-BR\"}}")
                    .put(PATH, id)
                    .then()
                    .statusCode(200)
                    .body("appearance.locale", equalTo("pt-BR"));

            // Then it reads back and the configuration carries it
            admin().get(PATH, id).then().statusCode(200).body("appearance.locale", equalTo("pt-BR"));
            assertThat(awaitVersion(probe, id, 2).widget().appearance())
                    .isEqualTo(new WidgetAppearance(null, null, null, "right", null, "pt-BR"));

            // And other languages, other spellings and non-strings are 400 problems, the language kept
            for (String bad : List.of("\"pt\"", "\"pt-br\"", "\"fr\"", "\"en-US\"", "\"\"", "7")) {
                admin().contentType(ContentType.JSON)
                        .body("{" + origins + ",\"appearance\":{\"locale\":" + bad + "}}")
                        .put(PATH, id)
                        .then()
                        .statusCode(400)
                        .contentType(PROBLEM);
            }
            admin().get(PATH, id).then().statusCode(200).body("appearance.locale", equalTo("pt-BR"));
        }
    }

    @Test
    void appearanceOutOfRangeIsRefused() {
        // Given a tenant
        String id = newTenant().getString("id");
        String origins = "\"allowedOrigins\":[\"https://shop.example.com\"],\"anonymousVisitors\":true";

        // When / Then: a colour not #rrggbb, a name for a colour, another corner, a title too long or with a control
        // character, a welcome message too long, a number for a title
        for (String appearance : List.of("{\"primaryColor\":\"#0a7d3\"}", "{\"primaryColor\":\"red\"}",
                "{\"primaryColor\":\"#0a7d3c;background:url(x)\"}", "{\"launcherPosition\":\"top\"}",
                "{\"title\":\"" + "t".repeat(61) + "\"}", "{\"title\":\"a\\u0007b\"}",
                "{\"welcomeMessage\":\"" + "w".repeat(501) + "\"}", "{\"title\":7}", "{\"size\":\"big\"}")) {
            admin().contentType(ContentType.JSON)
                    .body("{" + origins + ",\"appearance\":" + appearance + "}")
                    .put(PATH, id)
                    .then()
                    .statusCode(400)
                    .contentType(PROBLEM);
        }
        admin().get(PATH, id).then().statusCode(200).body("allowedOrigins", equalTo(List.of()))
                .body("appearance.launcherPosition", equalTo("right"));
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
