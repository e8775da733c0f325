package ai.aleff.tenant.rest;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The admin API as a client with the test profile's admin token calls it. */
final class AdminApi {

    /** {@code %test.aleff.tenant.admin-token} in application.properties. */
    static final String TOKEN = "test-admin-token-0123456789";

    private AdminApi() {
    }

    static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + TOKEN);
    }

    static ValidatableResponse createTenant(String jsonBody) {
        return admin().contentType(ContentType.JSON).body(jsonBody).when().post("/v1/tenants").then();
    }
}
