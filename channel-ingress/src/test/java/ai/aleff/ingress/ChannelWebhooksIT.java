package ai.aleff.ingress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.ChannelConnectionChanged.Account;
import ai.aleff.contracts.events.ChannelConnectionChanged.GroupBehaviour;
import ai.aleff.contracts.events.ChannelConnectionChanged.Settings;
import ai.aleff.contracts.events.ChannelConnectionChanged.Status;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.contracts.events.TenantLimits;
import ai.aleff.ingress.connection.ChannelConnections;
import ai.aleff.ingress.whatsapp.WhatsAppSignatureVerifier;
import ai.aleff.platform.database.RowScope;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.http.HostileRequests;

/**
 * Telegram and WhatsApp webhooks end to end in one app: connections registered through the connections topic,
 * verified over the raw bytes, published to the inbound topic after Kafka acked, duplicates dropped durably.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class ChannelWebhooksIT {

    private static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final String BOT_ID = "777";
    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final AtomicLong UPDATE_IDS = new AtomicLong(500_000);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ChannelConnections connections;

    @Inject
    Pool pool;

    @TestHTTPResource("/")
    java.net.URL root;

    @Test
    void aSignedTelegramUpdateIsPublishedOnceHoweverOftenItIsDeliveredAndWhereToReplyIsStored() {
        // Given a Telegram connection of a tenant
        Telegram bot = telegram(Status.ACTIVE, Settings.defaults());
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            long updateId = UPDATE_IDS.incrementAndGet();
            String update = privateText(updateId, 4711, "Hello bot");

            // When Telegram delivers the update, and delivers it again (its retry, or a redelivery after a restart)
            bot.post(update).then().statusCode(200).body(emptyString());
            bot.post(update).then().statusCode(200);

            // Then one MessageReceived carries the tenant, the chat's conversation, the text and the user
            String marker = bot.marker(inbound);
            List<CloudEvent<MessageReceived>> events = inbound.events(MessageReceived.class,
                    m -> m.tenantId().equals(bot.tenantId()) && !m.text().equals(marker));
            assertThat(events).hasSize(1);
            MessageReceived m = events.get(0).data();
            assertThat(m.conversationId()).isEqualTo("tg:" + bot.connectionId() + ":4711");
            assertThat(m.channel()).isEqualTo("telegram");
            assertThat(m.userId()).isEqualTo("tg:4711");
            assertThat(m.text()).isEqualTo("Hello bot");
            assertThat(m.clientMessageId()).isEqualTo("tg:" + bot.connectionId() + ":" + updateId);
            assertThat(m.userVerified()).isTrue();
            // And the channel details: the sender's name, a private chat, no mention, no media, no file id
            assertThat(m.channelDetails().senderName()).isEqualTo("Ada");
            assertThat(m.channelDetails().chatKind()).isEqualTo(MessageReceived.ChatKind.PRIVATE);
            assertThat(m.channelDetails().media()).isEmpty();
            assertThat(m.channelDetails().topicId()).isNull();

            // And the dedupe key is durably ACCEPTED, and the channel message says where a reply goes
            Row reservation = row(bot.tenantId(), "SELECT message_id, status FROM ingress.client_message "
                    + "WHERE tenant_id = $1 AND client_message_id = $2", m.clientMessageId());
            assertThat(reservation.getString("message_id")).isEqualTo(m.messageId());
            assertThat(reservation.getString("status")).isEqualTo("ACCEPTED");
            Row channelMessage = row(bot.tenantId(), "SELECT * FROM ingress.channel_message "
                    + "WHERE tenant_id = $1 AND message_id = $2", m.messageId());
            assertThat(channelMessage.getString("connection_id")).isEqualTo(bot.connectionId());
            assertThat(channelMessage.getString("channel")).isEqualTo("telegram");
            assertThat(channelMessage.getString("chat_id")).isEqualTo("4711");
            assertThat(channelMessage.getString("platform_message_id")).isEqualTo(String.valueOf(updateId + 1));
            assertThat(channelMessage.getString("sender_id")).isEqualTo("4711");
        }
    }

    @Test
    void unsignedForgedMisroutedMalformedAndOversizedTelegramRequestsAreRefusedAndPublishNothing()
            throws IOException {
        // Given a Telegram connection, and a WhatsApp connection of the same tenant
        Telegram bot = telegram(Status.ACTIVE, Settings.defaults());
        String whatsapp = whatsapp(bot.tenantId(), "app-secret", "verify-me");
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            String update = privateText(UPDATE_IDS.incrementAndGet(), 4711, "forged");

            // When updates arrive without the secret token, with a wrong one, for unknown or other connections
            given().body(update).post("/v1/channels/telegram/{id}", bot.connectionId()).then().statusCode(401)
                    .contentType("application/problem+json").body("detail", containsString(SECRET_HEADER));
            given().header(SECRET_HEADER, bot.secret() + "x").body(update)
                    .post("/v1/channels/telegram/{id}", bot.connectionId()).then().statusCode(403)
                    .contentType("application/problem+json");
            given().header(SECRET_HEADER, bot.secret()).body(update)
                    .post("/v1/channels/telegram/{id}", TestConnections.newConnectionId()).then().statusCode(404)
                    .contentType("application/problem+json");
            given().header(SECRET_HEADER, bot.secret()).body(update)
                    .post("/v1/channels/telegram/{id}", whatsapp).then().statusCode(404);

            // And when signed bodies are no updates
            bot.post("{\"update_id\":1,").then().statusCode(400).contentType("application/problem+json");
            bot.post("{\"update_id\":1,\"update_id\":2}").then().statusCode(400);
            bot.post("[1,2]").then().statusCode(400).body("detail", containsString("update_id"));
            HostileRequests.assertProblem(HostileRequests.to(root.getPort())
                    .declaredBody("/v1/channels/telegram/" + bot.connectionId(), 300 * 1024), 413, "larger than");

            // Then nothing of them was published: only the marker sent after them arrives
            String marker = bot.marker(inbound);
            assertThat(inbound.events(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId())))
                    .extracting(e -> e.data().text()).containsExactly(marker);
        }
    }

    @Test
    void inGroupsOnlyMentionsAndRepliesToTheBotAreAnsweredAndBotsAreNever() {
        // Given a connection answering groups when mentioned (the default)
        Telegram bot = telegram(Status.ACTIVE, Settings.defaults());
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // When a group sees a plain message, a mention, a reply to the bot, another bot's and our own message
            bot.post(group(42, false, "just chatting", "")).then().statusCode(200);
            bot.post(group(42, false, "@AleffBot help me", ",\"entities\":[{\"type\":\"mention\",\"offset\":0,"
                    + "\"length\":9}]")).then().statusCode(200);
            bot.post(group(42, false, "and this?", ",\"reply_to_message\":{\"message_id\":3,\"from\":{\"id\":"
                    + BOT_ID + ",\"is_bot\":true,\"first_name\":\"Aleff\"},\"chat\":{\"id\":-100555,"
                    + "\"type\":\"supergroup\"},\"date\":1,\"text\":\"earlier\"}")).then().statusCode(200);
            bot.post(group(555, true, "@AleffBot ping", ",\"entities\":[{\"type\":\"mention\",\"offset\":0,"
                    + "\"length\":9}]")).then().statusCode(200);
            bot.post(group(Long.parseLong(BOT_ID), true, "@AleffBot my own reply", "")).then().statusCode(200);

            // Then only the mention and the reply reach the assistant, in the group's conversation
            String marker = bot.marker(inbound);
            List<CloudEvent<MessageReceived>> events = inbound.events(MessageReceived.class,
                    m -> m.tenantId().equals(bot.tenantId()) && !m.text().equals(marker));
            assertThat(events).extracting(e -> e.data().text()).containsExactly("@AleffBot help me", "and this?");
            assertThat(events).allSatisfy(e -> assertThat(e.data().conversationId())
                    .isEqualTo("tg:" + bot.connectionId() + ":-100555"));
            // And they say they come from a group, naming the sender, the mention (the first) and the replied-to
            // message (the second)
            assertThat(events).extracting(e -> e.data().channelDetails().chatKind())
                    .containsOnly(MessageReceived.ChatKind.GROUP);
            assertThat(events).extracting(e -> e.data().channelDetails().botMentioned()).containsExactly(true, false);
            assertThat(events).extracting(e -> e.data().channelDetails().senderName()).containsOnly("B");
            assertThat(events.get(1).data().channelDetails().replyToMessageId()).isEqualTo("3");
        }
    }

    @Test
    void aPausedConnectionDropsUpdatesWithA200UntilResumedAndADeletedOneIsUnknown() {
        // Given an active connection that is then paused (version 2)
        Telegram bot = telegram(Status.ACTIVE, Settings.defaults());
        bot.publish(Status.PAUSED, 2);
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // When an update arrives
            bot.post(privateText(UPDATE_IDS.incrementAndGet(), 4711, "while paused")).then().statusCode(200);

            // Then nothing is published until the connection is resumed (version 3), and a forged token still fails
            bot.post(privateText(UPDATE_IDS.incrementAndGet(), 4711, "x"), bot.secret() + "x").then()
                    .statusCode(403);
            bot.publish(Status.ACTIVE, 3);
            String marker = bot.marker(inbound);
            assertThat(inbound.events(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId())))
                    .extracting(e -> e.data().text()).containsExactly(marker);

            // And once deleted, the webhook does not know it
            bot.publish(Status.DELETED, 4);
            bot.post(privateText(UPDATE_IDS.incrementAndGet(), 4711, "after delete")).then().statusCode(404);
        }
    }

    @Test
    void aMessageOverTheTenantsLimitIsRefusedWith429AndAcceptedOnceWhenTelegramDeliversItAgain() {
        // Given a tenant allowed 1 message a minute (early enough in the minute that both land in one window)
        await().atMost(WAIT).until(() -> LocalTime.now(ZoneOffset.UTC).getSecond() < 40);
        TestTenants.LimitedTenant limited = TestTenants.registerWithLimits(bootstrap,
                new TenantLimits(1, null, null, null), 1);
        Telegram bot = telegram(limited.tenantId());
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // When two messages arrive within the minute
            bot.post(privateText(UPDATE_IDS.incrementAndGet(), 4711, "first")).then().statusCode(200);
            long overTheLimit = UPDATE_IDS.incrementAndGet();
            // Then the second is refused for now: 429 with Retry-After, so Telegram delivers it again later
            bot.post(privateText(overTheLimit, 4711, "over the limit")).then().statusCode(429)
                    .contentType("application/problem+json").header("Retry-After", not(emptyString()));

            // When the limit is raised (markers until the raised limit reaches this instance and one is published)
            TestTenants.publishLimits(bootstrap, limited, new TenantLimits(100, null, null, null), 2);
            await().atMost(WAIT).until(() -> {
                String text = "marker-" + UPDATE_IDS.incrementAndGet();
                bot.post(privateText(UPDATE_IDS.get(), 4711, text)).then().statusCode(200);
                return inbound.events(MessageReceived.class, m -> m.text().equals(text)).isEmpty() ? null : text;
            }, text -> text != null);
            // And Telegram delivers the refused update again, twice (its retry, then a duplicate)
            bot.post(privateText(overTheLimit, 4711, "over the limit")).then().statusCode(200);
            bot.post(privateText(overTheLimit, 4711, "over the limit")).then().statusCode(200);

            // Then it is published exactly once, after the first: nothing was lost and nothing doubled (a last
            // marker, published after both deliveries, proves the repeat's absence)
            String last = "marker-" + UPDATE_IDS.incrementAndGet();
            bot.post(privateText(UPDATE_IDS.get(), 4711, last)).then().statusCode(200);
            await().atMost(WAIT).until(() -> !inbound.events(MessageReceived.class, m -> m.text().equals(last))
                    .isEmpty());
            assertThat(inbound.events(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId())
                    && !m.text().startsWith("marker-"))).extracting(e -> e.data().text())
                    .containsExactly("first", "over the limit");
        }
    }

    @Test
    void retriesOfAnAcceptedUpdateDoNotSpendTheLimitThatNewMessagesNeed() {
        // Given a tenant allowed 2 messages a minute (early enough in the minute that all land in one window)
        await().atMost(WAIT).until(() -> LocalTime.now(ZoneOffset.UTC).getSecond() < 40);
        TestTenants.LimitedTenant limited = TestTenants.registerWithLimits(bootstrap,
                new TenantLimits(2, null, null, null), 1);
        Telegram bot = telegram(limited.tenantId());
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // When an accepted update is delivered again three times (Telegram's retries after a lost answer)
            long first = UPDATE_IDS.incrementAndGet();
            bot.post(privateText(first, 4711, "first")).then().statusCode(200);
            for (int retry = 0; retry < 3; retry++) {
                bot.post(privateText(first, 4711, "first")).then().statusCode(200);
            }

            // Then a new message still fits in the limit, and the one after it does not (the limit holds)
            bot.post(privateText(UPDATE_IDS.incrementAndGet(), 4711, "second")).then().statusCode(200);
            bot.post(privateText(UPDATE_IDS.incrementAndGet(), 4711, "third")).then().statusCode(429);
            // And each accepted message is published once ("second", after the retries on the same partition, is
            // the marker that the retries published nothing)
            await().atMost(WAIT).until(() -> !inbound.events(MessageReceived.class, m -> m.text().equals("second")
                    && m.tenantId().equals(bot.tenantId())).isEmpty());
            assertThat(inbound.events(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId())))
                    .extracting(e -> e.data().text()).containsExactly("first", "second");
        }
    }

    @Test
    void whatsAppHandshakeEchoesTheChallengeOnlyForTheVerifyToken() {
        // Given a WhatsApp connection
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String connectionId = whatsapp(tenant.tenantId(), "app-secret", "verify-me");

        // When Meta subscribes with the verify token; Then the challenge is echoed as the raw body
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "verify-me")
                .queryParam("hub.challenge", "1158201444").get("/v1/channels/whatsapp/{id}", connectionId).then()
                .statusCode(200).body(equalTo("1158201444"));
        // And a wrong token, a wrong mode or a hostile challenge is refused
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "verify-mE")
                .queryParam("hub.challenge", "1").get("/v1/channels/whatsapp/{id}", connectionId).then()
                .statusCode(403).contentType("application/problem+json");
        given().queryParam("hub.mode", "unsubscribe").queryParam("hub.verify_token", "verify-me")
                .queryParam("hub.challenge", "1").get("/v1/channels/whatsapp/{id}", connectionId).then()
                .statusCode(403);
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "verify-me")
                .queryParam("hub.challenge", "<script>").get("/v1/channels/whatsapp/{id}", connectionId).then()
                .statusCode(403);
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "verify-me")
                .queryParam("hub.challenge", "1").get("/v1/channels/whatsapp/{id}", TestConnections.newConnectionId())
                .then().statusCode(404);
    }

    @Test
    void aSignedWhatsAppBatchPublishesEachMessageOnceAndUnsignedOrForgedOnesNothing() {
        // Given a WhatsApp connection whose app secret is the published test vector's key
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String connectionId = whatsapp(tenant.tenantId(), "secret", "verify-me");
        String path = "/v1/channels/whatsapp/" + connectionId;
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND);
                EventProbe outbound = EventProbe.open(bootstrap, Topics.CONVERSATION_OUTBOUND)) {
            // When the test vector (body "test", signed as channels.md gives it) arrives: verified, then not JSON
            given().header("X-Hub-Signature-256",
                    "sha256=0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914").body("test")
                    .post(path).then().statusCode(400).contentType("application/problem+json");
            given().header("X-Hub-Signature-256",
                    "sha256=1329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914").body("test")
                    .post(path).then().statusCode(403).contentType("application/problem+json");

            // And a batch of two messages (one non-ASCII, signed over its raw bytes) and a status, twice
            String batch = batch("wamid.A-" + connectionId, "wamid.B-" + connectionId);
            byte[] raw = batch.getBytes(StandardCharsets.UTF_8);
            signedWhatsApp(path, raw, "secret").then().statusCode(200);
            signedWhatsApp(path, raw, "secret").then().statusCode(200);
            // And unsigned, wrongly signed and re-serialised-then-signed-differently copies of a new batch
            byte[] other = batch("wamid.C-" + connectionId, "wamid.D-" + connectionId)
                    .getBytes(StandardCharsets.UTF_8);
            given().body(other).post(path).then().statusCode(401).contentType("application/problem+json");
            signedWhatsApp(path, other, "not-the-secret").then().statusCode(403);

            // Then exactly the two messages of the first batch are taken, once each, as the number's users: the text
            // published, the voice note (the tenant has no transcription model) answered that voice is not enabled
            byte[] marker = batch("wamid.M-" + connectionId, null).getBytes(StandardCharsets.UTF_8);
            signedWhatsApp(path, marker, "secret").then().statusCode(200);
            inbound.await(MessageReceived.class, m -> m.tenantId().equals(tenant.tenantId())
                    && m.clientMessageId().endsWith("wamid.M-" + connectionId), 1);
            List<CloudEvent<MessageReceived>> events = inbound.events(MessageReceived.class,
                    m -> m.tenantId().equals(tenant.tenantId()) && !m.clientMessageId().contains("wamid.M-"));
            assertThat(events).extracting(e -> e.data().clientMessageId()).containsExactly(
                    "wa:" + connectionId + ":wamid.A-" + connectionId);
            assertThat(events).extracting(e -> e.data().text()).containsExactly("Gibt es das in Grün? \u2764");
            String voiceNote = row(tenant.tenantId(), "SELECT message_id FROM ingress.client_message "
                    + "WHERE tenant_id = $1 AND client_message_id = $2",
                    "wa:" + connectionId + ":wamid.B-" + connectionId).getString("message_id");
            outbound.await(ReplyReady.class, r -> r.tenantId().equals(tenant.tenantId()), 1);
            List<CloudEvent<ReplyReady>> answers = outbound.events(ReplyReady.class,
                    r -> r.tenantId().equals(tenant.tenantId()));
            assertThat(answers).singleElement().satisfies(a -> {
                assertThat(a.data().inReplyTo()).isEqualTo(voiceNote);
                assertThat(a.data().text()).contains("Voice messages are not enabled");
                assertThat(a.data().conversationId()).isEqualTo("wa:" + connectionId + ":16505550000");
            });
            assertThat(events.get(0).data().conversationId()).isEqualTo("wa:" + connectionId + ":16505551234");
            assertThat(events.get(0).data().userId()).isEqualTo("wa:16505551234");
            assertThat(events.get(0).data().channel()).isEqualTo("whatsapp");
        }
    }

    @Test
    void aSignedSlackEventIsPublishedOnceAndUnsignedForgedStaleOrMalformedOnesAreRefused() {
        // Given a Slack Events API connection of a tenant (bot user UBOT0001)
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String connectionId = TestConnections.newConnectionId();
        String secret = "8f742231b10e8888abcd99aaabbb85a5";
        TestConnections.publishAndAwait(bootstrap, connections, TestConnections.record(tenant.tenantId(),
                connectionId, Type.SLACK, Status.ACTIVE, Settings.defaults(), new Account("UBOT0001", "BBOT0001"),
                Map.of(ChannelConnectionChanged.BOT_TOKEN, "xoxb-test-token",
                        ChannelConnectionChanged.SIGNING_SECRET, secret),
                1));
        String path = "/v1/channels/slack/" + connectionId;
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // When Slack verifies the URL, Then the challenge is echoed
            given().headers(slackHeaders(secret, "{\"type\":\"url_verification\",\"challenge\":\"3eZbrw1aB\"}", 0))
                    .body("{\"type\":\"url_verification\",\"challenge\":\"3eZbrw1aB\"}").post(path).then()
                    .statusCode(200).body("challenge", org.hamcrest.Matchers.equalTo("3eZbrw1aB"));

            // When a mention in a channel arrives, and Slack retries it (X-Slack-Retry-Num), and redelivers it
            String mention = slackEvent("Ev" + connectionId.replaceAll("[^A-Za-z0-9]", "") + "A", "app_mention",
                    "<@UBOT0001> hello there", "");
            given().headers(slackHeaders(secret, mention, 0)).body(mention).post(path).then().statusCode(200);
            given().headers(slackHeaders(secret, mention, 0)).header("X-Slack-Retry-Num", "1")
                    .header("X-Slack-Retry-Reason", "http_timeout").body(mention).post(path).then().statusCode(200);
            given().headers(slackHeaders(secret, mention, 0)).body(mention).post(path).then().statusCode(200);
            // And a bot's post, an edit, an unsigned, a forged, a replayed (6 minutes old) and a malformed request
            String bot = slackEvent("EvBot" + connectionId.replaceAll("[^A-Za-z0-9]", ""), "app_mention", "loop",
                    ",\"bot_id\":\"B999\"");
            given().headers(slackHeaders(secret, bot, 0)).body(bot).post(path).then().statusCode(200);
            String forged = slackEvent("EvF" + connectionId.replaceAll("[^A-Za-z0-9]", ""), "app_mention", "forged",
                    "");
            given().body(forged).post(path).then().statusCode(401).contentType("application/problem+json");
            given().headers(slackHeaders("0" + secret.substring(1), forged, 0)).body(forged).post(path).then()
                    .statusCode(403).contentType("application/problem+json");
            given().headers(slackHeaders(secret, forged, -360)).body(forged).post(path).then().statusCode(403)
                    .contentType("application/problem+json");
            given().headers(slackHeaders(secret, "not json{", 0)).body("not json{").post(path).then()
                    .statusCode(400).contentType("application/problem+json");
            String hostile = "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"app_mention\","
                    + "\"user\":\"U1\",\"channel\":\"../x\",\"ts\":\"1.2\",\"text\":\"x\"}}";
            given().headers(slackHeaders(secret, hostile, 0)).body(hostile).post(path).then().statusCode(400)
                    .contentType("application/problem+json");
            given().headers(slackHeaders(secret, mention, 0)).body(mention).post("/v1/channels/slack/unknown")
                    .then().statusCode(404).contentType("application/problem+json");

            // Then the mention is published once, in the thread it starts, without the mention itself
            String marker = slackEvent("EvM" + connectionId.replaceAll("[^A-Za-z0-9]", ""), "app_mention",
                    "<@UBOT0001> marker", "");
            given().headers(slackHeaders(secret, marker, 0)).body(marker).post(path).then().statusCode(200);
            inbound.await(MessageReceived.class, m -> m.tenantId().equals(tenant.tenantId())
                    && m.text().equals("marker"), 1);
            List<CloudEvent<MessageReceived>> events = inbound.events(MessageReceived.class,
                    m -> m.tenantId().equals(tenant.tenantId()) && !m.text().equals("marker"));
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.data().text()).isEqualTo("hello there");
                assertThat(e.data().channel()).isEqualTo("slack");
                assertThat(e.data().userId()).isEqualTo("sl:U0USER1");
                assertThat(e.data().conversationId())
                        .isEqualTo("sl:" + connectionId + ":C0CHANNEL1:1700000000.000100");
            });
        }
    }

    private static Map<String, String> slackHeaders(String secret, String body, long offsetSeconds) {
        String timestamp = String.valueOf(java.time.Instant.now().getEpochSecond() + offsetSeconds);
        return Map.of("X-Slack-Request-Timestamp", timestamp, "X-Slack-Signature",
                ai.aleff.ingress.slack.SlackSignatureVerifier.sign(secret, timestamp,
                        body.getBytes(StandardCharsets.UTF_8)),
                "Content-Type", "application/json");
    }

    private static String slackEvent(String eventId, String type, String text, String extra) {
        return """
                {"type":"event_callback","team_id":"T123ABC456","api_app_id":"A123ABC456","event":{"type":"%s",
                "channel":"C0CHANNEL1","channel_type":"channel","user":"U0USER1","text":"%s",
                "ts":"1700000000.000100","event_ts":"1700000000.000100"%s},"event_id":"%s","event_time":1700000000}"""
                .formatted(type, text, extra, eventId);
    }

    private Response signedWhatsApp(String path, byte[] raw, String appSecret) {
        return given().header("X-Hub-Signature-256", WhatsAppSignatureVerifier.sign(appSecret, raw))
                .contentType("application/json").body(raw).post(path);
    }

    /** Two user messages (the second a voice note, absent when {@code second} is null) and a delivery status. */
    private static String batch(String first, String second) {
        String voice = second == null
                ? ""
                : """
                        ,{"id":"2","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
                        "metadata":{"display_phone_number":"15550783881","phone_number_id":"%s"},
                        "messages":[{"from":"16505550000","id":"%s","timestamp":"1749416402","type":"audio",
                        "audio":{"mime_type":"audio/ogg; codecs=opus","sha256":"abc","id":"MEDIA1","voice":true}}]}}]}"""
                        .formatted(PHONE_NUMBER_ID, second);
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
                {"field":"messages","value":{"messaging_product":"whatsapp","metadata":{
                "display_phone_number":"15550783881","phone_number_id":"%s"},
                "statuses":[{"id":"wamid.OUT1","status":"read","timestamp":"1749416400","recipient_id":"16505551234"}]}},
                {"field":"messages","value":{"messaging_product":"whatsapp","metadata":{
                "display_phone_number":"15550783881","phone_number_id":"%s"},
                "contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],
                "messages":[{"from":"16505551234","id":"%s","timestamp":"1749416401","type":"text",
                "text":{"body":"Gibt es das in Gr\\u00fcn? \u2764"}}]}}]}%s]}"""
                .formatted(PHONE_NUMBER_ID, PHONE_NUMBER_ID, first, voice);
    }

    private String whatsapp(String tenantId, String appSecret, String verifyToken) {
        String connectionId = TestConnections.newConnectionId();
        TestConnections.publishAndAwait(bootstrap, connections, TestConnections.record(tenantId, connectionId,
                Type.WHATSAPP, Status.ACTIVE, new Settings(GroupBehaviour.MENTIONED, List.of(), List.of(),
                        PHONE_NUMBER_ID),
                new Account(PHONE_NUMBER_ID, null), Map.of(ChannelConnectionChanged.ACCESS_TOKEN, "token",
                        ChannelConnectionChanged.APP_SECRET, appSecret, ChannelConnectionChanged.VERIFY_TOKEN,
                        verifyToken),
                1));
        return connectionId;
    }

    private Telegram telegram(Status status, Settings settings) {
        Telegram bot = new Telegram(TestTenants.register(bootstrap).tenantId(), TestConnections.newConnectionId(),
                "s3cret_" + TestConnections.newConnectionId(), settings);
        bot.publish(status, 1);
        return bot;
    }

    private Telegram telegram(String tenantId) {
        Telegram bot = new Telegram(tenantId, TestConnections.newConnectionId(),
                "s3cret_" + TestConnections.newConnectionId(), Settings.defaults());
        bot.publish(Status.ACTIVE, 1);
        return bot;
    }

    private static String privateText(long updateId, long userId, String text) {
        return """
                {"update_id":%d,"message":{"message_id":%d,"from":{"id":%d,"is_bot":false,"first_name":"Ada"},
                "chat":{"id":%d,"type":"private","first_name":"Ada"},"date":1441645532,"text":"%s"}}"""
                .formatted(updateId, updateId + 1, userId, userId, text);
    }

    private static String group(long senderId, boolean isBot, String text, String extra) {
        long updateId = UPDATE_IDS.incrementAndGet();
        return """
                {"update_id":%d,"message":{"message_id":%d,"from":{"id":%d,"is_bot":%b,"first_name":"B"},
                "chat":{"id":-100555,"type":"supergroup","title":"Team"},"date":1,"text":"%s"%s}}"""
                .formatted(updateId, updateId, senderId, isBot, text, extra);
    }

    private Row row(String tenantId, String sql, String key) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery(sql).execute(Tuple.of(tenantId, key)))
                .await().atMost(WAIT).iterator().next();
    }

    /** A Telegram webhook connection of a tenant, with its secret token. */
    private final class Telegram {

        private final String tenantId;
        private final String connectionId;
        private final String secret;
        private final Settings settings;

        Telegram(String tenantId, String connectionId, String secret, Settings settings) {
            this.tenantId = tenantId;
            this.connectionId = connectionId;
            this.secret = secret;
            this.settings = settings;
        }

        String tenantId() {
            return tenantId;
        }

        String connectionId() {
            return connectionId;
        }

        String secret() {
            return secret;
        }

        ChannelConnectionChanged record(Status status, long version) {
            return TestConnections.record(tenantId, connectionId, Type.TELEGRAM, status, settings,
                    new Account(BOT_ID, "AleffBot"), status == Status.DELETED
                            ? Map.of()
                            : Map.of(ChannelConnectionChanged.BOT_TOKEN, "123:bot-token",
                                    ChannelConnectionChanged.WEBHOOK_SECRET, secret),
                    version);
        }

        void publish(Status status, long version) {
            TestConnections.publishAndAwait(bootstrap, connections, record(status, version));
        }

        Response post(String update) {
            return post(update, secret);
        }

        Response post(String update, String token) {
            return given().header(SECRET_HEADER, token).contentType("application/json").body(update)
                    .post("/v1/channels/telegram/{id}", connectionId);
        }

        /** Sends a private message and waits for it: everything sent before it has been handled by then. */
        String marker(EventProbe inbound) {
            String text = "marker-" + UPDATE_IDS.incrementAndGet();
            post(privateText(UPDATE_IDS.get(), 4711, text)).then().statusCode(200);
            inbound.await(MessageReceived.class, m -> m.tenantId().equals(tenantId) && m.text().equals(text), 1);
            return text;
        }
    }
}
