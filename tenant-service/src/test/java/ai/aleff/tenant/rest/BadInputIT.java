package ai.aleff.tenant.rest;

import static ai.aleff.tenant.rest.AdminApi.admin;
import static ai.aleff.tenant.rest.AdminApi.createTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.LoggedErrors;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.http.HttpLimitsContract;
import ai.aleff.testkit.identity.KeycloakResource;

/** Bad input on tenant-service: the shared HTTP limits, plus duplicate keys on both admin APIs that take JSON. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KeycloakResource.class)
class BadInputIT extends HttpLimitsContract {

    @Test
    void duplicateKeyInANewTenantIsRefusedAsProblemNamingTheKeyWithoutLoggingAnError() {
        try (LoggedErrors logged = LoggedErrors.capture()) {
            // When / Then
            createTenant("{\"name\": \"Acme\", \"name\": \"Evil\"}").statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("type", not(emptyOrNullString()))
                    .body("title", not(emptyOrNullString()))
                    .body("detail", containsString("Field 'name' appears more than once"));
            assertThat(logged.errors()).isEmpty();
        }
    }

    @Test
    void duplicateKeyNestedInAnAssistantConfigurationIsRefusedAsProblemNamingTheKey() {
        // Given a tenant
        String tenant = createTenant("{\"name\": \"Nested\"}").statusCode(201).extract().path("id");

        // When / Then a key repeated inside a model chain entry is named
        admin().contentType(ContentType.JSON)
                .body("{\"instructions\": \"Hi.\", \"models\": [{\"provider\": \"openai\", \"model\": \"gpt-4o-mini\", \"provider\": \"x\"}]}")
                .put("/v1/tenants/" + tenant + "/assistant")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("Field 'provider' appears more than once"));
    }
}
