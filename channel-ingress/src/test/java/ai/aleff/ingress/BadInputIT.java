package ai.aleff.ingress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.IOException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.LoggedErrors;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.http.HttpLimitsContract;
import ai.aleff.testkit.http.RawResponse;

/** Bad input on channel-ingress: the shared HTTP limits, plus a duplicate key and a slow body on its message API. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class BadInputIT extends HttpLimitsContract {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void duplicateKeyInAMessageIsRefusedAsProblemNamingTheKeyWithoutLoggingAnError() {
        // Given
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String body = "{\"conversationId\":\"conv-dup\",\"userId\":\"u\",\"text\":\"hi\",\"text\":\"other\"}";

        try (LoggedErrors logged = LoggedErrors.capture()) {
            // When / Then
            given().auth()
                    .oauth2(tenant.apiKey())
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/v1/messages")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("type", not(emptyOrNullString()))
                    .body("title", not(emptyOrNullString()))
                    .body("detail", containsString("Field 'text' appears more than once"));
            assertThat(logged.errors()).isEmpty();
        }
    }

    @Test
    void messageWhoseBodyTricklesPastTheHeaderReadTimeoutIsAccepted() throws IOException {
        // Given a valid message sent in pieces over longer than the header read timeout
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String head = "POST /v1/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer " + tenant.apiKey() + "\r\n";
        String body = "{\"conversationId\":\"" + TestTenants.newConversationId()
                + "\",\"userId\":\"u\",\"text\":\"slow\"}";
        int pieces = (int) limits().headerReadTimeout().toSeconds() + 3;

        // When
        RawResponse response = requests().slowBody(head, body, pieces);

        // Then its connection was not cut: the head had arrived
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
    }
}
