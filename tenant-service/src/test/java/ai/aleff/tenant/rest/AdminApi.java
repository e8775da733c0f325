package ai.aleff.tenant.rest;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import ai.aleff.testkit.identity.RealmUsers;

/** The admin API as a platform administrator of the run's shared Keycloak calls it. */
final class AdminApi {

    private AdminApi() {
    }

    /** A valid access token of a platform administrator. */
    static String token() {
        return RealmUsers.platformAdminToken();
    }

    static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + token());
    }

    static ValidatableResponse createTenant(String jsonBody) {
        return admin().contentType(ContentType.JSON).body(jsonBody).when().post("/v1/tenants").then();
    }
}
