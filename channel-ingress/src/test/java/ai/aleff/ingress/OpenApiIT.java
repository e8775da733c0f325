package ai.aleff.ingress;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class OpenApiIT {

    @Test
    void openApiDocumentsTheEndpointsTheirProblemsAndTheTextLimit() {
        // When / Then
        given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body("paths", hasKey("/v1/messages"))
                .body("paths", hasKey("/v1/conversations/{conversationId}/messages"))
                .body("paths", hasKey("/v1/conversations/{conversationId}/events"))
                .body("paths.'/v1/messages'.post.responses.'202'", notNullValue())
                .body("paths.'/v1/messages'.post.responses.'400'.content.'application/problem+json'", notNullValue())
                .body("paths.'/v1/messages'.post.responses.'503'.headers", hasKey("Retry-After"))
                .body("paths.'/v1/conversations/{conversationId}/messages'.get.responses.'404'.content"
                        + ".'application/problem+json'", notNullValue())
                .body("components.schemas.SendMessageRequest.properties.text.maxLength", equalTo(16000))
                .body("components.securitySchemes.tenantApiKey.scheme", equalTo("bearer"))
                .body("paths.'/v1/channels/telegram/{connectionId}'.post.operationId",
                        equalTo("receiveTelegramUpdate"))
                .body("paths.'/v1/channels/telegram/{connectionId}'.post.responses.'403'.content"
                        + ".'application/problem+json'", notNullValue())
                .body("paths.'/v1/channels/telegram/{connectionId}'.post.security", empty())
                .body("paths.'/v1/channels/whatsapp/{connectionId}'.get.operationId",
                        equalTo("verifyWhatsAppWebhook"))
                .body("paths.'/v1/channels/whatsapp/{connectionId}'.post.operationId",
                        equalTo("receiveWhatsAppNotification"))
                .body("paths.'/v1/channels/whatsapp/{connectionId}'.post.security", empty())
                .body("paths.'/v1/channels/slack/{connectionId}'.post.operationId", equalTo("receiveSlackEvent"))
                .body("paths.'/v1/channels/slack/{connectionId}'.post.responses.'403'.content"
                        + ".'application/problem+json'", notNullValue())
                .body("paths.'/v1/channels/slack/{connectionId}'.post.security", empty())
                .body("paths.'/v1/channels/discord/{connectionId}'.post.operationId",
                        equalTo("receiveDiscordInteraction"))
                .body("paths.'/v1/channels/discord/{connectionId}'.post.responses.'401'.content"
                        + ".'application/problem+json'", notNullValue())
                .body("paths.'/v1/channels/discord/{connectionId}'.post.security", empty());
    }
}
