package ai.aleff.ingress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import ai.aleff.contracts.CloudEventAttributes;
import ai.aleff.contracts.EventType;
import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class MessagesResourceIT {

    private static final String PROBLEM_JSON = "application/problem+json";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void acceptedMessageIsPublishedAsCloudEventWithConversationKeyAndAudited() {
        // Given
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String conversationId = TestTenants.newConversationId();
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND);
                EventProbe audit = EventProbe.open(bootstrap, Topics.AUDIT)) {
            // When
            String messageId = post(tenant, TestTenants.message(conversationId, "Hello there", null)).then()
                    .statusCode(202)
                    .contentType(ContentType.JSON)
                    .body("conversationId", equalTo(conversationId))
                    .extract()
                    .path("messageId");

            // Then
            CloudEvent<MessageReceived> event = inbound.awaitOne(MessageReceived.class,
                    m -> m.messageId().equals(messageId));
            assertThat(event.id()).isEqualTo(messageId);
            assertThat(event.tenantId()).isEqualTo(tenant.tenantId());
            assertThat(event.conversationId()).isEqualTo(conversationId);
            assertThat(event.source()).hasToString("/aleff/channel-ingress");
            assertThat(event.data().tenantId()).isEqualTo(tenant.tenantId());
            assertThat(event.data().userId()).isEqualTo("user-1");
            assertThat(event.data().channel()).isEqualTo("api");
            assertThat(event.data().text()).isEqualTo("Hello there");
            assertThat(event.data().clientMessageId()).isNull();

            ConsumerRecord<String, byte[]> record = inbound.records()
                    .stream()
                    .filter(r -> messageId.equals(header(r, CloudEventAttributes.ID)))
                    .findFirst()
                    .orElseThrow();
            assertThat(record.key()).isEqualTo(tenant.tenantId() + "/" + conversationId);
            assertThat(header(record, CloudEventAttributes.SPECVERSION)).isEqualTo("1.0");
            assertThat(header(record, CloudEventAttributes.TYPE)).isEqualTo(EventType.MESSAGE_RECEIVED.ceType());
            assertThat(header(record, CloudEventAttributes.TENANT_ID)).isEqualTo(tenant.tenantId());
            assertThat(header(record, CloudEventAttributes.CONVERSATION_ID)).isEqualTo(conversationId);
            assertThat(header(record, CloudEventAttributes.CONTENT_TYPE)).isEqualTo("application/json");
            assertThat(header(record, CloudEventAttributes.TIME)).isNotBlank();

            AuditRecord accepted = audit.awaitOne(AuditRecord.class, r -> messageId.equals(r.subjectId())).data();
            assertThat(accepted.action()).isEqualTo("message.accepted");
            assertThat(accepted.tenantId()).isEqualTo(tenant.tenantId());
            assertThat(accepted.service()).isEqualTo("channel-ingress");
        }
    }

    @Test
    void repeatedClientMessageIdIsAcceptedOnceWithTheSameMessageId() {
        // Given
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String conversationId = TestTenants.newConversationId();
        String clientMessageId = "client-" + UUID.randomUUID();
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND);
                EventProbe audit = EventProbe.open(bootstrap, Topics.AUDIT)) {
            // When
            String first = accept(tenant, TestTenants.message(conversationId, "Once", clientMessageId));
            String second = accept(tenant, TestTenants.message(conversationId, "Once", clientMessageId));

            // Then
            assertThat(second).isEqualTo(first);
            // Same key, same partition: once the later sentinel arrived, any duplicate would have too.
            String sentinel = accept(tenant, TestTenants.message(conversationId, "sentinel", null));
            inbound.awaitOne(MessageReceived.class, m -> m.messageId().equals(sentinel));
            assertThat(inbound.events(MessageReceived.class, m -> clientMessageId.equals(m.clientMessageId())))
                    .extracting(CloudEvent::id)
                    .containsExactly(first);
            audit.awaitOne(AuditRecord.class, r -> sentinel.equals(r.subjectId()));
            assertThat(audit.events(AuditRecord.class, r -> first.equals(r.subjectId()))).hasSize(1);
        }
    }

    @Test
    void clientMessageIdReusedForAnotherConversationIsAConflict() {
        // Given
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String clientMessageId = "client-" + UUID.randomUUID();
        accept(tenant, TestTenants.message(TestTenants.newConversationId(), "first", clientMessageId));

        // When / Then
        post(tenant, TestTenants.message(TestTenants.newConversationId(), "second", clientMessageId)).then()
                .statusCode(409)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(409))
                .body("detail", containsString("clientMessageId"));
    }

    @Test
    void sameClientMessageIdOfAnotherTenantIsIndependent() {
        // Given
        Events.TestTenant one = TestTenants.register(bootstrap);
        Events.TestTenant other = TestTenants.register(bootstrap);
        String clientMessageId = "client-" + UUID.randomUUID();

        // When
        String first = accept(one, TestTenants.message(TestTenants.newConversationId(), "a", clientMessageId));
        String second = accept(other, TestTenants.message(TestTenants.newConversationId(), "b", clientMessageId));

        // Then
        assertThat(second).isNotEqualTo(first);
    }

    static Stream<Arguments> invalidBodies() {
        String id = "conv-fixed";
        String text16001 = "x".repeat(MessageReceived.MAX_TEXT_LENGTH + 1);
        return Stream.of(Arguments.of("malformed JSON", "{\"conversationId\": \"" + id + "\", ", "body"),
                Arguments.of("array instead of object", "[1, 2]", "body"), Arguments.of("empty body", "", "body"),
                Arguments.of("JSON null", "null", "body"),
                Arguments.of("missing conversationId", "{\"userId\":\"u\",\"text\":\"hi\"}", "conversationId"),
                Arguments.of("missing userId", "{\"conversationId\":\"" + id + "\",\"text\":\"hi\"}", "userId"),
                Arguments.of("missing text", "{\"conversationId\":\"" + id + "\",\"userId\":\"u\"}", "text"),
                Arguments.of("blank text", body(id, "u", "\"   \"", null), "text"),
                Arguments.of("oversized text", body(id, "u", "\"" + text16001 + "\"", null), "16000"),
                Arguments.of("NUL in text", body(id, "u", "\"a\\u0000b\"", null), "text"),
                Arguments.of("number as conversationId", "{\"conversationId\":123,\"userId\":\"u\",\"text\":\"hi\"}",
                        "conversationId"),
                Arguments.of("object as text", body(id, "u", "{\"a\":1}", null), "text"),
                Arguments.of("array as userId",
                        "{\"conversationId\":\"" + id + "\",\"userId\":[\"u\"],\"text\":\"hi\"}",
                        "userId"),
                Arguments.of("boolean as clientMessageId", body(id, "u", "\"hi\"", "true"), "clientMessageId"),
                Arguments.of("control character in conversationId", body("conv\\u0007x", "u", "\"hi\"", null),
                        "conversationId"),
                Arguments.of("newline in userId", body(id, "u\\nx", "\"hi\"", null), "userId"),
                Arguments.of("control character in clientMessageId", body(id, "u", "\"hi\"", "\"abc\\u0001\""),
                        "clientMessageId"),
                Arguments.of("oversized conversationId", body("c".repeat(129), "u", "\"hi\"", null),
                        "conversationId"),
                Arguments.of("empty clientMessageId", body(id, "u", "\"hi\"", "\"\""), "clientMessageId"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void invalidBodyIsRefusedAsProblemAndPublishesNothing(String name, String body, String mentioned) {
        // Given
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND);
                EventProbe audit = EventProbe.open(bootstrap, Topics.AUDIT)) {
            // When
            String response = given().auth()
                    .oauth2(tenant.apiKey())
                    .contentType(ContentType.JSON)
                    .body(body.getBytes(StandardCharsets.UTF_8))
                    .post("/v1/messages")
                    .then()
                    .statusCode(400)
                    .contentType(PROBLEM_JSON)
                    .body("status", equalTo(400))
                    .extract()
                    .asString();

            // Then
            assertThat(response).as("the problem names what is wrong").contains(mentioned);
            assertNothingPublishedFor(tenant, inbound, audit);
        }
    }

    @Test
    void oversizedTextProblemStatesTheLimit() {
        // Given
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String text = "y".repeat(MessageReceived.MAX_TEXT_LENGTH + 1);

        // When / Then
        post(tenant, TestTenants.message(TestTenants.newConversationId(), text, null)).then()
                .statusCode(400)
                .contentType(PROBLEM_JSON)
                .body("errors.field", hasItem("text"))
                .body("errors.message", hasItem("must be at most 16000 characters"));
    }

    @Test
    void textOfExactlyTheLimitIsAccepted() {
        // Given
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String text = "z".repeat(MessageReceived.MAX_TEXT_LENGTH);

        // When / Then
        post(tenant, TestTenants.message(TestTenants.newConversationId(), text, null)).then().statusCode(202);
    }

    @Test
    void nonJsonContentTypeIsRefusedAsProblem() {
        // Given
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND);
                EventProbe audit = EventProbe.open(bootstrap, Topics.AUDIT)) {
            // When / Then
            given().auth()
                    .oauth2(tenant.apiKey())
                    .contentType(ContentType.TEXT)
                    .body("conversationId=x")
                    .post("/v1/messages")
                    .then()
                    .statusCode(415)
                    .contentType(PROBLEM_JSON);
            assertNothingPublishedFor(tenant, inbound, audit);
        }
    }

    static Stream<Arguments> badCredentials() {
        return Stream.of(Arguments.of("unknown API key", "Bearer ak_unknownkeyunknownkeyunknownkey"),
                Arguments.of("not a key at all", "Bearer not-a-key"),
                Arguments.of("basic instead of bearer", "Basic dXNlcjpwYXNz"), Arguments.of("missing header", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCredentials")
    void badCredentialsAreRefusedAsProblemAndPublishNothing(String name, String authorization) {
        // Given
        String conversationId = TestTenants.newConversationId();
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            RequestSpecification request = given().contentType(ContentType.JSON)
                    .body(TestTenants.message(conversationId, "hi", null));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }

            // When / Then
            request.post("/v1/messages").then().statusCode(401).contentType(PROBLEM_JSON).body("status", equalTo(401));
            Events.TestTenant tenant = TestTenants.register(bootstrap);
            String sentinel = accept(tenant, TestTenants.message(conversationId, "sentinel", null));
            inbound.awaitOne(MessageReceived.class, m -> m.messageId().equals(sentinel));
            assertThat(inbound.events(MessageReceived.class, m -> conversationId.equals(m.conversationId())))
                    .extracting(CloudEvent::id)
                    .containsExactly(sentinel);
        }
    }

    /** A valid message of the same tenant comes after anything the refused request could have published. */
    private void assertNothingPublishedFor(Events.TestTenant tenant, EventProbe inbound, EventProbe audit) {
        String sentinel = accept(tenant, TestTenants.message("conv-fixed", "sentinel", null));
        inbound.awaitOne(MessageReceived.class, m -> m.messageId().equals(sentinel));
        audit.awaitOne(AuditRecord.class, r -> sentinel.equals(r.subjectId()));
        assertThat(inbound.events(MessageReceived.class, m -> tenant.tenantId().equals(m.tenantId())))
                .extracting(CloudEvent::id)
                .containsExactly(sentinel);
        assertThat(audit.events(AuditRecord.class, r -> tenant.tenantId().equals(r.tenantId())))
                .extracting(e -> e.data().subjectId())
                .containsExactly(sentinel);
    }

    private static String body(String conversationId, String userId, String textJson, String clientMessageIdJson) {
        return "{\"conversationId\":\"" + conversationId + "\",\"userId\":\"" + userId + "\",\"text\":" + textJson
                + (clientMessageIdJson == null ? "" : ",\"clientMessageId\":" + clientMessageIdJson) + "}";
    }

    static io.restassured.response.Response post(Events.TestTenant tenant, Object body) {
        return given().auth().oauth2(tenant.apiKey()).contentType(ContentType.JSON).body(body).post("/v1/messages");
    }

    static String accept(Events.TestTenant tenant, Object body) {
        return post(tenant, body).then().statusCode(202).extract().path("messageId");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
