package ai.aleff.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import ai.aleff.contracts.database.ServiceDatabase;
import ai.aleff.deploy.DatabaseLogins;
import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.PlatformService;
import ai.aleff.testkit.OpenAiEmulator;
import ai.aleff.testkit.OtlpTraceReceiver;

/**
 * The built platform as a user sees it: five service processes on real Kafka and PostgreSQL ({@link SharedPlatform}),
 * driven only through their public HTTP APIs. The model provider is emulated: it asks for the calculator once, then
 * answers with the tool's result.
 */
@ExtendWith(SharedPlatform.class)
class PlatformEndToEndIT {

    private static final String FINAL_ANSWER = SharedPlatform.FINAL_ANSWER;
    // Generous: the first turn warms up five JVMs, and CI machines are often shared.
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private static OpenAiEmulator model;
    private static LocalPlatform platform;

    @BeforeAll
    static void sharedPlatform() {
        model = SharedPlatform.model();
        platform = SharedPlatform.platform();
    }

    @Test
    void aMessageNeedingAToolIsAnsweredOverTheApiAndSseAndLeavesAFullAuditTrail() {
        // Given a new tenant whose API key the ingress and audit services have learned
        String apiKey = createTenant("acme-" + UUID.randomUUID());
        String conversationId = "conv-" + UUID.randomUUID();
        String question = "What is 2*(3+4)? (ref " + conversationId + ")";
        awaitKeyAccepted(apiKey, conversationId);

        // And a client following the conversation's replies
        try (SseRecorder sse = SseRecorder.open(
                url(PlatformService.CHANNEL_INGRESS, "/v1/conversations/" + conversationId + "/events"), apiKey)) {
            // The stream opens with a comment once the subscription is in place.
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> sse.lines().stream().anyMatch(line -> line.startsWith(":")));
            assertThat(sse.status()).isEqualTo(200);

            // When the user asks something that needs the calculator
            String messageId = given().baseUri(platform.serviceUrl(PlatformService.CHANNEL_INGRESS))
                    .auth()
                    .oauth2(apiKey)
                    .contentType(ContentType.JSON)
                    .body(Map.of("conversationId", conversationId, "userId", "user-1", "text", question,
                            "clientMessageId", "client-" + UUID.randomUUID()))
                    .post("/v1/messages")
                    .then()
                    .statusCode(202)
                    .extract()
                    .path("messageId");

            // Then the conversation shows the message, then the model's final answer
            JsonPath conversation = await().atMost(PATIENCE)
                    .until(() -> conversation(apiKey, conversationId),
                            json -> json.getList("messages") != null && json.getList("messages").size() >= 2);
            assertThat(conversation.getString("conversationId")).isEqualTo(conversationId);
            assertThat(conversation.getList("messages.direction")).containsExactly("INBOUND", "OUTBOUND");
            assertThat(conversation.getString("messages[0].messageId")).isEqualTo(messageId);
            assertThat(conversation.getString("messages[0].text")).isEqualTo(question);
            assertThat(conversation.getString("messages[1].text")).isEqualTo(FINAL_ANSWER);

            // And the same reply arrived over SSE, answering that message
            await().atMost(Duration.ofSeconds(20)).until(() -> !sse.events().isEmpty());
            SseRecorder.Event reply = sse.events().getFirst();
            assertThat(reply.name()).isEqualTo("reply");
            JsonPath replyReady = JsonPath.from(reply.data());
            assertThat(replyReady.getString("text")).isEqualTo(FINAL_ANSWER);
            assertThat(replyReady.getString("conversationId")).isEqualTo(conversationId);
            assertThat(replyReady.getString("inReplyTo")).isEqualTo(messageId);
            assertThat(replyReady.getString("replyId")).isNotBlank();
            assertThat(reply.id()).matches("[0-9]+");
        }

        // And every service recorded its step in the tenant's audit trail
        List<String> expectedActions = List.of("message.accepted", "model.called", "tool.requested",
                "tool.completed", "reply.published");
        JsonPath audit = await().atMost(PATIENCE)
                .until(() -> audit(apiKey, conversationId),
                        json -> json.getList("records.action", String.class).containsAll(expectedActions));
        assertThat(audit.getString("conversationId")).isEqualTo(conversationId);
        assertThat(audit.getList("records.service", String.class)).contains("channel-ingress", "agent-worker",
                "tool-executor");

        // And the model was called twice for this conversation, the second time with the calculator's result
        List<LoggedRequest> calls = model.server()
                .findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions")))
                .stream()
                .filter(call -> call.getBodyAsString().contains(conversationId))
                .toList();
        assertThat(calls).hasSize(2);
        JsonPath followUp = JsonPath.from(calls.get(1).getBodyAsString());
        assertThat(followUp.getList("messages.findAll { it.role == 'tool' }.content", String.class))
                .singleElement(InstanceOfAssertFactories.STRING)
                .contains("14");
        assertThat(followUp.getList("messages.findAll { it.role == 'tool' }.tool_call_id", String.class))
                .containsExactly("call-calc-1");
    }

    @Test
    void oneMessageNeedingAToolIsOneTraceThroughEveryService() {
        // Given a tenant whose API key the ingress has learned
        String apiKey = createTenant("traced-" + UUID.randomUUID());
        String conversationId = "conv-" + UUID.randomUUID();
        awaitKeyAccepted(apiKey, conversationId);

        // When the user asks something that needs the calculator, and the answer is in
        String messageId = given().baseUri(platform.serviceUrl(PlatformService.CHANNEL_INGRESS))
                .auth()
                .oauth2(apiKey)
                .contentType(ContentType.JSON)
                .body(Map.of("conversationId", conversationId, "userId", "user-1", "text",
                        "What is 2*(3+4)? (ref " + conversationId + ")", "clientMessageId",
                        "client-" + UUID.randomUUID()))
                .post("/v1/messages")
                .then()
                .statusCode(202)
                .extract()
                .path("messageId");
        await().atMost(PATIENCE).until(() -> conversation(apiKey, conversationId),
                json -> json.getList("messages") != null && json.getList("messages").size() >= 2);
        assertThat(messageId).isNotBlank();

        // Then the conversation's consumer spans all belong to one trace: the ingress's (its view of the message
        // and the delivery of the reply), the worker's, the tool executor's and the audit service's
        OtlpTraceReceiver traces = SharedPlatform.traces();
        String traceId = await().atMost(PATIENCE).until(() -> traces.spans().stream()
                .filter(span -> span.service().equals("agent-worker"))
                .filter(span -> conversationId.equals(span.attributes().get("aleff.conversation_id")))
                .map(OtlpTraceReceiver.ReceivedSpan::traceId)
                .findFirst().orElse(null), java.util.Objects::nonNull);
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<OtlpTraceReceiver.ReceivedSpan> trace = traces.spans().stream()
                    .filter(span -> span.traceId().equals(traceId)).toList();
            assertThat(trace).extracting(OtlpTraceReceiver.ReceivedSpan::service)
                    .contains("channel-ingress", "agent-worker", "tool-executor", "audit-service");
            // the model call, after the GenAI conventions, with the tokens the emulated provider reported
            assertThat(trace).filteredOn(span -> "chat".equals(span.attributes().get("gen_ai.operation.name")))
                    .isNotEmpty()
                    .allSatisfy(span -> {
                        assertThat(span.service()).isEqualTo("agent-worker");
                        assertThat(span.attributes()).containsEntry("gen_ai.request.model", "gpt-e2e")
                                .containsEntry("gen_ai.provider.name", "openai")
                                .containsKeys("gen_ai.usage.input_tokens", "gen_ai.usage.output_tokens");
                    });
            // the calculator, routed by the worker and run by the tool executor
            assertThat(trace).filteredOn(span -> "calculator".equals(span.attributes().get("gen_ai.tool.name")))
                    .extracting(OtlpTraceReceiver.ReceivedSpan::service)
                    .contains("agent-worker", "tool-executor");
            // the reply's way back: channel-ingress consumes the outbound reply in the same trace
            assertThat(trace).filteredOn(span -> span.service().equals("channel-ingress"))
                    .extracting(OtlpTraceReceiver.ReceivedSpan::name)
                    .anyMatch(name -> name.contains("process"));
            // and no span carries the message's text
            assertThat(trace).allSatisfy(span -> assertThat(span.attributes().values())
                    .noneMatch(value -> value != null && value.contains("2*(3+4)")));
        });
    }

    @Test
    void anotherTenantSeesNothingOfTheConversationAndUnknownKeysAreRejected() {
        // Given a conversation of one tenant
        String ownerKey = createTenant("owner-" + UUID.randomUUID());
        String otherKey = createTenant("other-" + UUID.randomUUID());
        String conversationId = "conv-" + UUID.randomUUID();
        awaitKeyAccepted(ownerKey, conversationId);
        awaitKeyAccepted(otherKey, conversationId);
        given().baseUri(platform.serviceUrl(PlatformService.CHANNEL_INGRESS))
                .auth()
                .oauth2(ownerKey)
                .contentType(ContentType.JSON)
                .body(Map.of("conversationId", conversationId, "userId", "user-1", "text", "private note"))
                .post("/v1/messages")
                .then()
                .statusCode(202);
        await().atMost(PATIENCE)
                .until(() -> audit(ownerKey, conversationId).getList("records.action", String.class)
                        .contains("message.accepted"));

        // When another tenant asks for it, Then it does not exist for them
        given().baseUri(platform.serviceUrl(PlatformService.CHANNEL_INGRESS))
                .auth()
                .oauth2(otherKey)
                .get("/v1/conversations/{id}/messages", conversationId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        assertThat(audit(otherKey, conversationId).getList("records")).isEmpty();

        // And a key nobody issued is refused by every tenant API, in problem+json
        String forged = "ak_" + UUID.randomUUID().toString().replace("-", "");
        given().baseUri(platform.serviceUrl(PlatformService.CHANNEL_INGRESS))
                .auth()
                .oauth2(forged)
                .get("/v1/conversations/{id}/messages", conversationId)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().baseUri(platform.serviceUrl(PlatformService.AUDIT_SERVICE))
                .auth()
                .oauth2(forged)
                .queryParam("conversationId", conversationId)
                .get("/v1/audit")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().baseUri(platform.serviceUrl(PlatformService.TENANT_SERVICE))
                .auth()
                .oauth2(ownerKey)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "not-an-admin"))
                .post("/v1/tenants")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void noServiceShowsADatabasePasswordOnItsCommandLineOrAtTheStartOfItsLog() throws IOException {
        // Given the running platform and every database password of its data directory
        DatabaseLogins logins = DatabaseLogins.in(platform.dataDirectory());
        List<String> passwords = new ArrayList<>(ServiceDatabase.allRoles().stream().map(logins::password).toList());
        passwords.add(logins.superuserPassword());

        for (PlatformService service : PlatformService.values()) {
            // When its arguments (what the process list shows every user) and the start of its log are read
            String commandLine = platform.serviceProcess(service).orElseThrow().info().commandLine().orElseThrow();
            String logStart = String.join("\n", Files.readAllLines(platform.layout().log(service.moduleName()))
                    .stream().limit(200).toList());

            // Then the service logs in as its own role, and neither shows any password
            assertThat(commandLine).contains(
                    "-Dquarkus.datasource.username=" + ServiceDatabase.byService(service.moduleName()).loginRole());
            assertThat(logStart).contains("command: ");
            for (String password : passwords) {
                assertThat(commandLine).as(service.moduleName()).doesNotContain(password);
                assertThat(logStart).as(service.moduleName()).doesNotContain(password);
            }
        }
    }

    private static String createTenant(String name) {
        return given().baseUri(platform.serviceUrl(PlatformService.TENANT_SERVICE))
                .auth()
                .oauth2(platform.platformAdminToken())
                .contentType(ContentType.JSON)
                .body(Map.of("name", name))
                .post("/v1/tenants")
                .then()
                .statusCode(201)
                .extract()
                .path("apiKey");
    }

    /** The services learn new tenants from Kafka: the key works once a request gets past authentication. */
    private static void awaitKeyAccepted(String apiKey, String unusedConversationId) {
        await().atMost(PATIENCE).until(() -> given().baseUri(platform.serviceUrl(PlatformService.CHANNEL_INGRESS))
                .auth()
                .oauth2(apiKey)
                .get("/v1/conversations/{id}/messages", unusedConversationId)
                .statusCode() == 404);
        await().atMost(PATIENCE).until(() -> given().baseUri(platform.serviceUrl(PlatformService.AUDIT_SERVICE))
                .auth()
                .oauth2(apiKey)
                .queryParam("conversationId", unusedConversationId)
                .get("/v1/audit")
                .statusCode() == 200);
    }

    private static JsonPath conversation(String apiKey, String conversationId) {
        return given().baseUri(platform.serviceUrl(PlatformService.CHANNEL_INGRESS))
                .auth()
                .oauth2(apiKey)
                .get("/v1/conversations/{id}/messages", conversationId)
                .then()
                .statusCode(anyOf(is(200), is(404)))
                .extract()
                .jsonPath();
    }

    private static JsonPath audit(String apiKey, String conversationId) {
        return given().baseUri(platform.serviceUrl(PlatformService.AUDIT_SERVICE))
                .auth()
                .oauth2(apiKey)
                .queryParam("conversationId", conversationId)
                .get("/v1/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static String url(PlatformService service, String path) {
        return platform.serviceUrl(service) + path;
    }
}
