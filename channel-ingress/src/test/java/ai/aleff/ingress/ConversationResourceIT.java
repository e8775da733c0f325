package ai.aleff.ingress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.config.SmallRyeConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;

import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.ingress.config.IngressSettings;
import ai.aleff.ingress.repository.ConversationMessage;
import ai.aleff.ingress.repository.ConversationMessageRepository;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.http.HttpLimitSettings;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.http.ServerSentEvent;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class ConversationResourceIT {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Pattern REPLY_ID = Pattern.compile("\"replyId\":\"([^\"]+)\"");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @TestHTTPResource("/")
    URL baseUrl;

    @Inject
    Vertx vertx;

    @Inject
    ConversationMessageRepository messages;

    @Test
    void conversationListsTheInboundMessageThenTheReply() {
        // Given
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String conversationId = TestTenants.newConversationId();
        String messageId = MessagesResourceIT.accept(tenant, TestTenants.message(conversationId, "What time is it?",
                null));

        // When
        String replyId = UUID.randomUUID().toString();
        Events.publish(bootstrap, reply(tenant.tenantId(), conversationId, replyId, messageId, "Noon."));

        // Then
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().auth()
                        .oauth2(tenant.apiKey())
                        .get("/v1/conversations/{id}/messages", conversationId)
                        .then()
                        .statusCode(200)
                        .contentType(ContentType.JSON)
                        .body("conversationId", equalTo(conversationId))
                        .body("messages.messageId", equalTo(List.of(messageId, replyId)))
                        .body("messages.direction", equalTo(List.of("INBOUND", "OUTBOUND")))
                        .body("messages[0].userId", equalTo("user-1"))
                        .body("messages[0].text", equalTo("What time is it?"))
                        .body("messages[1].text", equalTo("Noon."))
                        .body("messages[1].inReplyTo", equalTo(messageId)));
    }

    @Test
    void acceptedMessageIsVisibleImmediately() {
        // Given
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String conversationId = TestTenants.newConversationId();

        // When
        String messageId = MessagesResourceIT.accept(tenant, TestTenants.message(conversationId, "Now?", null));

        // Then: no waiting for the consumer, the POST stored it after Kafka's ack
        given().auth()
                .oauth2(tenant.apiKey())
                .get("/v1/conversations/{id}/messages", conversationId)
                .then()
                .statusCode(200)
                .body("messages.messageId", equalTo(List.of(messageId)));
    }

    @Test
    void unknownConversationIsNotFound() {
        // Given
        Events.TestTenant tenant = TestTenants.register(bootstrap);

        // When / Then
        given().auth()
                .oauth2(tenant.apiKey())
                .get("/v1/conversations/{id}/messages", TestTenants.newConversationId())
                .then()
                .statusCode(404)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(404));
    }

    @Test
    void anotherTenantsConversationIsNotFound() {
        // Given
        Events.TestTenant owner = TestTenants.register(bootstrap);
        Events.TestTenant intruder = TestTenants.register(bootstrap);
        String conversationId = TestTenants.newConversationId();
        MessagesResourceIT.accept(owner, TestTenants.message(conversationId, "private", null));

        // When / Then
        given().auth()
                .oauth2(intruder.apiKey())
                .get("/v1/conversations/{id}/messages", conversationId)
                .then()
                .statusCode(404)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void malformedConversationIdIsABadRequest() {
        // Given
        Events.TestTenant tenant = TestTenants.register(bootstrap);

        // When / Then
        given().auth()
                .oauth2(tenant.apiKey())
                .urlEncodingEnabled(false)
                .get("/v1/conversations/bad%07id/messages")
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void unknownApiKeyCannotReadAConversation() {
        // Given
        Events.TestTenant owner = TestTenants.register(bootstrap);
        String conversationId = TestTenants.newConversationId();
        MessagesResourceIT.accept(owner, TestTenants.message(conversationId, "private", null));

        // When / Then
        given().auth()
                .oauth2("ak_" + UUID.randomUUID())
                .get("/v1/conversations/{id}/messages", conversationId)
                .then()
                .statusCode(401)
                .contentType(PROBLEM_JSON);
        given().get("/v1/conversations/{id}/messages", conversationId)
                .then()
                .statusCode(401)
                .contentType(PROBLEM_JSON);
    }

    @Test
    void eventStreamDeliversTheConversationsRepliesOnly() throws Exception {
        // Given
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        Events.TestTenant other = TestTenants.register(bootstrap);
        String conversationId = TestTenants.newConversationId();
        String elsewhere = TestTenants.newConversationId();
        StringBuffer stream = new StringBuffer();
        HttpClient client = vertx.createHttpClient();
        try {
            HttpClientResponse response = client
                    .request(HttpMethod.GET, baseUrl.getPort(), baseUrl.getHost(),
                            "/v1/conversations/" + conversationId + "/events")
                    .compose(request -> request.putHeader("Authorization", "Bearer " + tenant.apiKey())
                            .putHeader("Accept", "text/event-stream")
                            .send()
                            // The handler must be in place before the event loop delivers the first chunk.
                            .map(r -> r.handler(buffer -> stream.append(buffer.toString()))))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.getHeader("Content-Type")).startsWith("text/event-stream");
            await().atMost(Duration.ofSeconds(10)).until(() -> stream.toString().contains(":subscribed"));

            // When: replies for another tenant's same-named conversation and another conversation, then ours
            String foreignReply = UUID.randomUUID().toString();
            String otherConversationReply = UUID.randomUUID().toString();
            Events.publish(bootstrap, reply(other.tenantId(), conversationId, foreignReply, "m-x", "not yours"),
                    reply(tenant.tenantId(), elsewhere, otherConversationReply, "m-y", "elsewhere"));
            awaitStored(other, conversationId, foreignReply);
            awaitStored(tenant, elsewhere, otherConversationReply);
            String replyId = UUID.randomUUID().toString();
            Events.publish(bootstrap, reply(tenant.tenantId(), conversationId, replyId, "m-1", "Hello!"));

            // Then
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.toString().contains(replyId));
            String received = stream.toString();
            assertThat(received).contains("event:reply").contains("\"replyId\":\"" + replyId + "\"")
                    .contains("\"text\":\"Hello!\"");
            assertThat(received).doesNotContain(foreignReply).doesNotContain(otherConversationReply);
        } finally {
            client.close();
        }
    }

    @Test
    void eventStreamOutlivesTheHeaderReadTimeoutWithKeepAlivesAndStillDelivers() throws Exception {
        // Given an open event stream, and the header read timeout that closes a connection whose head never ends
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String conversationId = TestTenants.newConversationId();
        Duration headerTimeout = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class)
                .getConfigMapping(HttpLimitSettings.class).headerReadTimeout();
        Duration keepAlive = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class)
                .getConfigMapping(IngressSettings.class).sseKeepAliveInterval();
        StringBuffer stream = new StringBuffer();
        AtomicBoolean ended = new AtomicBoolean();
        HttpClient client = vertx.createHttpClient();
        try {
            HttpClientResponse response = client
                    .request(HttpMethod.GET, baseUrl.getPort(), baseUrl.getHost(),
                            "/v1/conversations/" + conversationId + "/events")
                    .compose(request -> request.putHeader("Authorization", "Bearer " + tenant.apiKey())
                            .putHeader("Accept", "text/event-stream")
                            .send()
                            .map(r -> r.handler(buffer -> stream.append(buffer.toString()))
                                    .endHandler(v -> ended.set(true))))
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            long opened = System.nanoTime();

            // When it stays open past the header read timeout: keep-alives mark the time going by
            int needed = (int) (headerTimeout.toMillis() / keepAlive.toMillis()) + 2;
            await().atMost(headerTimeout.multipliedBy(3).plusSeconds(10))
                    .until(() -> keepAlives(stream) >= needed);
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThan(headerTimeout);

            // Then the stream was not cut, and a reply still arrives on it
            String replyId = UUID.randomUUID().toString();
            Events.publish(bootstrap, reply(tenant.tenantId(), conversationId, replyId, "m-1", "Still here."));
            await().atMost(Duration.ofSeconds(30)).until(() -> stream.toString().contains(replyId));
            assertThat(ended).isFalse();
        } finally {
            client.close();
        }
    }

    @Test
    void eventStreamResumesAfterLastEventIdWithEachMissedReplyOnceAndInOrder() throws Exception {
        // Given a stream that saw one reply, then was cut
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String conversationId = TestTenants.newConversationId();
        String before = UUID.randomUUID().toString();
        Events.publish(bootstrap, reply(tenant.tenantId(), conversationId, before, "m-1", "Earlier."));
        awaitStored(tenant, conversationId, before);
        HttpClient client = vertx.createHttpClient();
        try {
            StringBuffer first = new StringBuffer();
            HttpClientResponse cut = openEvents(client, tenant, conversationId, null, first);
            await().atMost(Duration.ofSeconds(10)).until(() -> first.toString().contains(":subscribed"));
            String r1 = UUID.randomUUID().toString();
            Events.publish(bootstrap, reply(tenant.tenantId(), conversationId, r1, "m-1", "One."));
            await().atMost(Duration.ofSeconds(30)).until(() -> replies(first).size() == 1);
            String seen = replies(first).getFirst()[0];
            assertThat(replies(first)).extracting(r -> r[1]).containsExactly(r1);
            cut.request().connection().close();

            // When, while it is away, a second reply arrives, the first one's record is delivered again, and a third
            // reply is stored by another instance (straight into the shared log: no wake-up here, only the poll)
            String r2 = UUID.randomUUID().toString();
            Events.publish(bootstrap, reply(tenant.tenantId(), conversationId, r2, "m-1", "Two."),
                    reply(tenant.tenantId(), conversationId, r1, "m-1", "One."));
            awaitStored(tenant, conversationId, r2);
            String r3 = UUID.randomUUID().toString();
            messages.store(new ConversationMessage(tenant.tenantId(), conversationId, r3,
                    ConversationMessage.Direction.OUTBOUND, null, "Three.", "m-1", "offline", Instant.now()))
                    .await()
                    .atMost(Duration.ofSeconds(10));

            // And it reconnects with the last event id it saw, and one client with the replyId it saw (the old id)
            StringBuffer resumed = new StringBuffer();
            StringBuffer byReplyId = new StringBuffer();
            openEvents(client, tenant, conversationId, seen, resumed);
            openEvents(client, tenant, conversationId, r1, byReplyId);
            await().atMost(Duration.ofSeconds(30)).until(() -> resumed.toString().contains(r3)
                    && byReplyId.toString().contains(r3));
            // the first reply once more and a fourth (the marker) while connected
            String r4 = UUID.randomUUID().toString();
            Events.publish(bootstrap, reply(tenant.tenantId(), conversationId, r1, "m-1", "One."),
                    reply(tenant.tenantId(), conversationId, r4, "m-1", "Four."));

            // Then both get the missed replies and the new one, each once, in order, with growing numeric ids
            await().atMost(Duration.ofSeconds(30)).until(() -> resumed.toString().contains(r4)
                    && byReplyId.toString().contains(r4));
            for (StringBuffer stream : List.of(resumed, byReplyId)) {
                List<String[]> received = replies(stream);
                assertThat(received).extracting(r -> r[1]).containsExactly(r2, r3, r4);
                assertThat(received).extracting(r -> Long.parseLong(r[0])).isSorted()
                        .allMatch(id -> id > Long.parseLong(seen));
            }
            assertThat(resumed.toString()).doesNotContain(before);
        } finally {
            client.close();
        }
    }

    @Test
    void malformedLastEventIdIsABadRequest() {
        // Given
        Events.TestTenant tenant = TestTenants.register(bootstrap);

        // When / Then
        given().auth()
                .oauth2(tenant.apiKey())
                .header("Last-Event-ID", "not an id!")
                .accept("text/event-stream")
                .get("/v1/conversations/{id}/events", TestTenants.newConversationId())
                .then()
                .statusCode(400)
                .contentType(PROBLEM_JSON);
    }

    private HttpClientResponse openEvents(HttpClient client, Events.TestTenant tenant, String conversationId,
            String lastEventId, StringBuffer stream) throws Exception {
        return client.request(HttpMethod.GET, baseUrl.getPort(), baseUrl.getHost(),
                "/v1/conversations/" + conversationId + "/events")
                .compose(request -> {
                    request.putHeader("Authorization", "Bearer " + tenant.apiKey())
                            .putHeader("Accept", "text/event-stream");
                    if (lastEventId != null) {
                        request.putHeader("Last-Event-ID", lastEventId);
                    }
                    return request.send().map(r -> r.handler(buffer -> stream.append(buffer.toString())));
                })
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    /** Event id and replyId of each reply event so far. */
    private static List<String[]> replies(StringBuffer stream) {
        return ServerSentEvent.named(stream, "reply").stream().map(event -> {
            Matcher replyId = REPLY_ID.matcher(event.data());
            return new String[]{event.id(), replyId.find() ? replyId.group(1) : ""};
        }).toList();
    }

    private static int keepAlives(StringBuffer stream) {
        return stream.toString().split(":keep-alive", -1).length - 1;
    }

    @Test
    void eventStreamRequiresAValidApiKey() {
        // When / Then
        given().header("Authorization", "Bearer ak_" + UUID.randomUUID())
                .accept("text/event-stream")
                .get("/v1/conversations/{id}/events", TestTenants.newConversationId())
                .then()
                .statusCode(401)
                .contentType(PROBLEM_JSON);
    }

    private void awaitStored(Events.TestTenant tenant, String conversationId, String messageId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                        .oauth2(tenant.apiKey())
                        .get("/v1/conversations/{id}/messages", conversationId)
                        .then()
                        .extract()
                        .asString()
                        .contains(messageId));
    }

    static CloudEvent<ReplyReady> reply(String tenantId, String conversationId, String replyId, String inReplyTo,
            String text) {
        Instant now = Instant.now();
        return CloudEvent.of("agent-worker", replyId, tenantId, conversationId, now,
                new ReplyReady(replyId, tenantId, conversationId, inReplyTo, "api", text, "offline", now));
    }
}
