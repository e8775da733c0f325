package ai.aleff.ingress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.TenantLimits;
import ai.aleff.ingress.repository.MessageHit;
import ai.aleff.ingress.repository.RateRefusal;
import ai.aleff.ingress.repository.RateWindowRepository;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.ExportedMetrics;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

/** Limits at ingress: per tenant, per API key, per day's new conversations, open streams; shared by instances. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class RateLimitIT {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String reactiveUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @TestHTTPResource("/")
    URL baseUrl;

    @Inject
    Vertx vertx;

    @Inject
    RateWindowRepository windows;

    @Test
    void aTenantOverItsMessagesPerMinuteGets429WithRetryAfterAndAnotherTenantDoesNot() {
        // Given a tenant allowed 3 messages a minute, and another with the defaults
        awaitRoomInTheMinute();
        TestTenants.LimitedTenant limited = TestTenants.registerWithLimits(bootstrap,
                new TenantLimits(3, null, null, null), 1);
        Events.TestTenant other = TestTenants.register(bootstrap);
        String conversationId = TestTenants.newConversationId();
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            for (int i = 0; i < 3; i++) {
                MessagesResourceIT.accept(limited.key(0), TestTenants.message(conversationId, "m" + i, null));
            }

            // When it posts a fourth
            String clientMessageId = "client-" + UUID.randomUUID();
            Response refused = MessagesResourceIT.post(limited.key(0),
                    TestTenants.message(conversationId, "one too many", clientMessageId));

            // Then 429, with Retry-After within the minute and a body naming the limit
            System.out.printf("rate-limit: 3/min tenant, 4th message answered %d, Retry-After %s s%n",
                    refused.statusCode(), refused.header("Retry-After"));
            assertRateLimited(refused, "messages-per-minute", 3, 60);
            // And the other tenant is not affected
            String sentinel = MessagesResourceIT.accept(other, TestTenants.message(conversationId, "fine", null));
            // And nothing was published for the refused message
            inbound.awaitOne(MessageReceived.class, m -> m.messageId().equals(sentinel));
            assertThat(inbound.events(MessageReceived.class, m -> limited.tenantId().equals(m.tenantId())))
                    .hasSize(3);
            assertThat(inbound.events(MessageReceived.class, m -> clientMessageId.equals(m.clientMessageId())))
                    .isEmpty();
        }
    }

    @Test
    void metricsCountMessagesInAndOutAndRefusals() {
        // Given a tenant allowed 1 message a minute
        awaitRoomInTheMinute();
        TestTenants.LimitedTenant tenant = TestTenants.registerWithLimits(bootstrap,
                new TenantLimits(1, null, null, null), 1);
        String conversationId = TestTenants.newConversationId();

        // When it posts a message, a second one is refused, and a reply to the first comes back through Kafka
        String messageId = MessagesResourceIT.accept(tenant.key(0), TestTenants.message(conversationId, "hi", null));
        assertThat(MessagesResourceIT.post(tenant.key(0), TestTenants.message(conversationId, "more", null))
                .statusCode()).isEqualTo(429);
        Events.publish(bootstrap, ConversationResourceIT.reply(tenant.tenantId(), conversationId,
                UUID.randomUUID().toString(), messageId, "hello"));

        // Then /q/metrics exports every series channel-ingress's committed list names (the dashboards use them)
        await().atMost(WAIT).untilAsserted(() -> assertThat(ExportedMetrics.scrape(baseUrl))
                .containsAll(ExportedMetrics.expected("channel-ingress")));
    }

    @Test
    void aMinutesMessagesArePacedSoTheWholeLimitCannotBeSpentInOneBurst() {
        // Given a counter of 120 a minute, paced: a fifth at once (24), the rest evenly over the minute, and the same
        // counter unpaced for another tenant
        awaitRoomInTheMinute();
        String paced = "t-" + UUID.randomUUID();
        String unpaced = "t-" + UUID.randomUUID();
        MessageHit.Pace pace = new MessageHit.Pace(0.2, 10);

        // When each sends 110 messages as fast as it can, well within 40 s of the minute's start
        int pacedAccepted = 0;
        Optional<RateRefusal> firstRefusal = Optional.empty();
        int unpacedAccepted = 0;
        for (int i = 0; i < 110; i++) {
            Optional<RateRefusal> refused = windows.admitMessage(new MessageHit(paced, "c-" + i, List.of(
                    new MessageHit.Counter("messages-per-minute", paced, "minute", 120, false, pace))))
                    .await().atMost(WAIT);
            if (refused.isEmpty()) {
                pacedAccepted++;
            } else if (firstRefusal.isEmpty()) {
                firstRefusal = refused;
            }
            if (windows.admitMessage(new MessageHit(unpaced, "c-" + i, List.of(new MessageHit.Counter(
                    "messages-per-minute", unpaced, "minute", 120, false)))).await().atMost(WAIT).isEmpty()) {
                unpacedAccepted++;
            }
        }
        int secondsLeft = 60 - LocalTime.now(ZoneOffset.UTC).getSecond();
        System.out.printf("rate-limit pacing: 110 sent at once against 120/min: unpaced %d accepted, paced %d accepted,"
                + " first paced refusal Retry-After %s s (%d s left in the minute)%n", unpacedAccepted, pacedAccepted,
                firstRefusal.map(r -> String.valueOf(r.retryAfterSeconds())).orElse("-"), secondsLeft);

        // Then the unpaced counter took all 110 (under its 120), the paced one its burst and what the pace added
        // by then (24 + 2 a second, at most 24 + 2 × 42 = 108), but not all 110
        assertThat(unpacedAccepted).isEqualTo(110);
        assertThat(pacedAccepted).isBetween(24, 108);
        // And the refusal says to come back when the pace allows one more, well before the minute ends
        assertThat(firstRefusal).isPresent();
        assertThat(firstRefusal.get().counter()).isEqualTo("messages-per-minute");
        assertThat(firstRefusal.get().retryAfterSeconds()).isBetween(1L, (long) secondsLeft - 10);
    }

    @Test
    void aRefusedMessageLeavesItsClientMessageIdFreeForTheRetry() {
        // Given a tenant at its limit of 1 message a minute, refused a message with a clientMessageId
        awaitRoomInTheMinute();
        TestTenants.LimitedTenant tenant = TestTenants.registerWithLimits(bootstrap,
                new TenantLimits(1, null, null, null), 1);
        String conversationId = TestTenants.newConversationId();
        MessagesResourceIT.accept(tenant.key(0), TestTenants.message(conversationId, "first", null));
        String clientMessageId = "client-" + UUID.randomUUID();
        assertThat(MessagesResourceIT.post(tenant.key(0),
                TestTenants.message(conversationId, "retried", clientMessageId)).statusCode()).isEqualTo(429);

        // When the limit no longer refuses it (here: raised) and the sender retries with the same clientMessageId
        TestTenants.publishLimits(bootstrap, tenant, new TenantLimits(10, null, null, null), 2);
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            String messageId = await().atMost(WAIT).until(() -> {
                Response retry = MessagesResourceIT.post(tenant.key(0),
                        TestTenants.message(conversationId, "retried", clientMessageId));
                return retry.statusCode() == 202 ? retry.path("messageId").toString() : null;
            }, id -> id != null);

            // Then it is accepted and published once, as a new message
            inbound.awaitOne(MessageReceived.class, m -> m.messageId().equals(messageId));
            assertThat(inbound.events(MessageReceived.class, m -> clientMessageId.equals(m.clientMessageId())))
                    .hasSize(1);
        }
    }

    @Test
    void oneApiKeyOverItsLimitIsRefusedWhileTheTenantsOtherKeyGoesOn() {
        // Given a tenant with two keys, each allowed 2 messages a minute
        awaitRoomInTheMinute();
        TestTenants.LimitedTenant tenant = TestTenants.registerWithLimits(bootstrap,
                new TenantLimits(100, 2, null, null), 2);
        String conversationId = TestTenants.newConversationId();
        MessagesResourceIT.accept(tenant.key(0), TestTenants.message(conversationId, "a", null));
        MessagesResourceIT.accept(tenant.key(0), TestTenants.message(conversationId, "b", null));

        // When the first key posts a third, Then it is refused by the key's limit
        assertRateLimited(MessagesResourceIT.post(tenant.key(0), TestTenants.message(conversationId, "c", null)),
                "messages-per-minute-per-key", 2, 60);
        // And the other key is accepted
        MessagesResourceIT.accept(tenant.key(1), TestTenants.message(conversationId, "d", null));
    }

    @Test
    void newConversationsBeyondTheDailyLimitAreRefusedWhileExistingOnesGoOn() {
        // Given a tenant allowed 2 new conversations a day, which started 2
        TestTenants.LimitedTenant tenant = TestTenants.registerWithLimits(bootstrap,
                new TenantLimits(null, null, null, 2), 1);
        String first = TestTenants.newConversationId();
        MessagesResourceIT.accept(tenant.key(0), TestTenants.message(first, "one", null));
        MessagesResourceIT.accept(tenant.key(0), TestTenants.message(TestTenants.newConversationId(), "two", null));

        // When it starts a third, Then it is refused until the day (UTC) ends
        assertRateLimited(MessagesResourceIT.post(tenant.key(0),
                TestTenants.message(TestTenants.newConversationId(), "three", null)), "conversations-per-day", 2,
                86_400);
        // And an existing conversation goes on
        MessagesResourceIT.accept(tenant.key(0), TestTenants.message(first, "still here", null));
    }

    @Test
    void twoInstancesShareOneCountInTheDatabase() {
        // Given a second ingress instance's counters on its own connection pool to the same database
        awaitRoomInTheMinute();
        io.vertx.sqlclient.Pool secondPool = PgBuilder.pool()
                .connectingTo(PgConnectOptions.fromUri(reactiveUrl).setUser(username).setPassword(password))
                .using(vertx)
                .build();
        try {
            RateWindowRepository second = new RateWindowRepository(Pool.newInstance(secondPool));
            String tenantId = "t-" + UUID.randomUUID();
            MessageHit hit = new MessageHit(tenantId, "conv-1", List.of(
                    new MessageHit.Counter("messages-per-minute", tenantId, "minute", 4, false)));

            // When both instances count messages of one tenant in turn
            List<Optional<RateRefusal>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                RateWindowRepository instance = i % 2 == 0 ? windows : second;
                results.add(instance.admitMessage(hit).await().atMost(WAIT));
            }

            // Then the limit holds over both: 4 admitted, then both refuse
            assertThat(results.subList(0, 4)).allMatch(Optional::isEmpty);
            assertThat(results.subList(4, 6)).allSatisfy(r -> assertThat(r).hasValueSatisfying(
                    refusal -> assertThat(refusal.counter()).isEqualTo("messages-per-minute")));
        } finally {
            secondPool.close();
        }
    }

    @Test
    void aTenantAtItsLimitOfOpenStreamsGets429UntilOneCloses() throws Exception {
        // Given a tenant allowed 2 open streams, holding 2
        TestTenants.LimitedTenant tenant = TestTenants.registerWithLimits(bootstrap,
                new TenantLimits(null, null, 2, null), 1);
        Events.TestTenant other = TestTenants.register(bootstrap);
        String conversationId = TestTenants.newConversationId();
        HttpClient first = vertx.createHttpClient();
        HttpClient second = vertx.createHttpClient();
        HttpClient third = vertx.createHttpClient();
        try {
            assertThat(open(first, tenant.key(0), conversationId).statusCode()).isEqualTo(200);
            assertThat(open(second, tenant.key(0), conversationId).statusCode()).isEqualTo(200);

            // When it opens a third, Then it is refused with 429 naming the limit
            given().auth()
                    .oauth2(tenant.key(0).apiKey())
                    .accept("text/event-stream")
                    .get("/v1/conversations/{id}/events", conversationId)
                    .then()
                    .statusCode(429)
                    .contentType(PROBLEM_JSON)
                    .header("Retry-After", equalTo("10"))
                    .body("limit", equalTo("concurrent-streams"))
                    .body("max", equalTo(2));
            // And another tenant's stream opens
            assertThat(open(third, other, conversationId).statusCode()).isEqualTo(200);

            // When one of the two closes, Then a new one opens
            first.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            HttpClient again = vertx.createHttpClient();
            try {
                await().atMost(WAIT).until(() -> open(again, tenant.key(0), conversationId).statusCode() == 200);
            } finally {
                again.close();
            }
        } finally {
            first.close();
            second.close();
            third.close();
        }
    }

    private HttpClientResponse open(HttpClient client, Events.TestTenant tenant, String conversationId)
            throws Exception {
        return client.request(HttpMethod.GET, baseUrl.getPort(), baseUrl.getHost(),
                "/v1/conversations/" + conversationId + "/events")
                .compose(request -> request.putHeader("Authorization", "Bearer " + tenant.apiKey())
                        .putHeader("Accept", "text/event-stream")
                        .send())
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    private static void assertRateLimited(Response response, String limit, int max, long maxRetryAfter) {
        response.then()
                .statusCode(429)
                .contentType(PROBLEM_JSON)
                .body("status", equalTo(429))
                .body("limit", equalTo(limit))
                .body("max", equalTo(max))
                .body("detail", containsString(String.valueOf(max)));
        long retryAfter = Long.parseLong(response.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, maxRetryAfter);
        assertThat(response.<Integer>path("retryAfterSeconds").longValue()).isEqualTo(retryAfter);
    }

    /** Fixed windows of a minute: a test that fills one must not straddle the start of the next. */
    private static void awaitRoomInTheMinute() {
        await().atMost(Duration.ofSeconds(30)).until(() -> LocalTime.now(ZoneOffset.UTC).getSecond() < 40);
    }
}
