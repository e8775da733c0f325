package ai.aleff.tenant.rest;

import static ai.aleff.tenant.rest.AdminApi.admin;
import static ai.aleff.tenant.rest.AdminApi.createTenant;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.identity.KeycloakResource;

/** An operator forgot the platform secret key: keys cannot be stored, everything else still works. */
@QuarkusTest
@TestProfile(AssistantWithoutSecretKeyIT.WithoutSecretKey.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KeycloakResource.class)
class AssistantWithoutSecretKeyIT {

    public static class WithoutSecretKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.aleff.secrets.active-key", "");
        }
    }

    @Test
    void storingAKeyIsA503ProblemSayingWhyAndNothingIsStored() {
        // Given a tenant and no platform secret key
        String tenant = createTenant("{\"name\": \"No Keys Inc\"}").statusCode(201).extract().jsonPath().getString(
                "id");

        // When an admin sends a model with its own key
        admin().contentType(ContentType.JSON)
                .body("{\"models\": [{\"provider\": \"openai\", \"model\": \"gpt\", \"apiKey\": \"sk-abcdefghijkl\"}]}")
                .put("/v1/tenants/" + tenant + "/assistant")
                .then()
                // Then it is refused with 503 naming the missing setting, and nothing was stored
                .statusCode(503)
                .contentType("application/problem+json")
                .body("detail", containsString("aleff.secrets.active-key"));
        admin().get("/v1/tenants/" + tenant + "/assistant").then().statusCode(200).header("ETag", "\"0\"");

        // While a configuration without keys is stored
        admin().contentType(ContentType.JSON)
                .body("{\"models\": [{\"provider\": \"openai\", \"model\": \"gpt\"}]}")
                .put("/v1/tenants/" + tenant + "/assistant")
                .then()
                .statusCode(200)
                .body("version", equalTo(1));
    }
}
