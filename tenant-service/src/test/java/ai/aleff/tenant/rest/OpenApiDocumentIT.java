package ai.aleff.tenant.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.identity.KeycloakResource;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KeycloakResource.class)
class OpenApiDocumentIT {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    @Test
    void everyOperationHasAnOperationIdAndEverySecuredOneItsUnauthorizedAndForbiddenAnswers() {
        // Given the service's published OpenAPI document
        JsonPath document = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract()
                .jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = document.getMap("paths");

        // When every operation in it is looked at
        List<String> withoutId = new ArrayList<>();
        List<String> withoutSecurityAnswers = new ArrayList<>();
        List<String> operationIds = new ArrayList<>();
        int operations = 0;
        for (var path : paths.entrySet()) {
            for (var entry : path.getValue().entrySet()) {
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                operations++;
                String name = entry.getKey().toUpperCase() + " " + path.getKey();
                Map<String, Object> operation = entry.getValue();
                Object id = operation.get("operationId");
                if (id == null) {
                    withoutId.add(name);
                } else {
                    operationIds.add(id.toString());
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
                if (operation.get("security") != null
                        && (!responses.containsKey("401") || !responses.containsKey("403"))) {
                    withoutSecurityAnswers.add(name);
                }
                // Then every operation also documents at least one error of its own or the shared ones
                assertThat(responses.keySet()).as(name).anyMatch(status -> status.startsWith("4"));
            }
        }

        // Then none lacks an operation id, ids are unique, and every secured operation answers 401 and 403
        assertThat(operations).isGreaterThanOrEqualTo(18);
        assertThat(withoutId).isEmpty();
        assertThat(operationIds).doesNotHaveDuplicates();
        assertThat(withoutSecurityAnswers).isEmpty();
        assertThat(document.getString("paths.'/v1/tenants/{id}/assistant'.get.responses.'401'.content."
                + "'application/problem+json'.schema.$ref")).isEqualTo("#/components/schemas/Problem");
    }

    @Test
    void everyAdminOperationIsSecured() {
        // The admin API has no open operation: each one names the Keycloak security scheme
        Map<String, Map<String, Map<String, Object>>> paths = given().queryParam("format", "json").get("/q/openapi")
                .then().extract().jsonPath().getMap("paths");
        for (var path : paths.entrySet()) {
            for (var entry : path.getValue().entrySet()) {
                if (METHODS.contains(entry.getKey())) {
                    assertThat(entry.getValue().get("security")).as(entry.getKey() + " " + path.getKey())
                            .isNotNull();
                }
            }
        }
    }
}
