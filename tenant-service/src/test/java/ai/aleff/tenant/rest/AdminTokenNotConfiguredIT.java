package ai.aleff.tenant.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

@QuarkusTest
@TestProfile(AdminTokenNotConfiguredIT.WithoutAdminToken.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class AdminTokenNotConfiguredIT {

    /** As in production when the operator forgot the token. */
    public static class WithoutAdminToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.aleff.tenant.admin-token", "");
        }
    }

    @Test
    void adminEndpointsAnswer503ProblemWhenNoTokenIsConfigured() {
        // Given no admin token is configured
        // When anyone calls the admin API, with or without a token
        for (String header : new String[]{"Bearer " + AdminApi.TOKEN, "Bearer ", "Bearer anything"}) {
            // Then it answers 503 saying why, and nothing is created
            given().header("Authorization", header)
                    .contentType("application/json")
                    .body("{\"name\": \"Acme\"}")
                    .when()
                    .post("/v1/tenants")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .body("detail", containsString("admin token is not configured"));
        }
        given().when().get("/v1/tenants/00000000-0000-0000-0000-000000000000").then().statusCode(503).contentType(
                "application/problem+json");
    }
}
