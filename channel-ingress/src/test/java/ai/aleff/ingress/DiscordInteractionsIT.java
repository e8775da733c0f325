package ai.aleff.ingress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.ChannelConnectionChanged.Account;
import ai.aleff.contracts.events.ChannelConnectionChanged.Settings;
import ai.aleff.contracts.events.ChannelConnectionChanged.Status;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.ingress.connection.ChannelConnections;
import ai.aleff.ingress.discord.DiscordText;
import ai.aleff.platform.database.RowScope;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.channels.DiscordApi;
import ai.aleff.testkit.channels.DiscordKeys;

/**
 * A Discord application's Interactions Endpoint URL and the replies to its {@code /ask}, against real Kafka and
 * PostgreSQL with Discord's REST API emulated: Ed25519 signatures made with a test key pair (a wrong one, none or a
 * stale one refused with 401), PING/PONG, the deferred answer, the durable dedupe of a replayed interaction, and the
 * reply through the interaction's webhook (edit of the original response, follow-ups), split at 2,000 characters,
 * without mentions, after a 429 exactly once, and as a channel message once the token is no longer valid.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(value = DiscordEmulators.class, restrictToAnnotatedClass = true)
class DiscordInteractionsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PROBLEM = "application/problem+json";
    private static final String APPLICATION_ID = "1170000000000000000";
    private static final String BOT_TOKEN = "MTE3MDAwMDAwMDAwMDAwMDAwMQ.GabCdE.0123456789abcdefghijklmnopqrstuvwxyzAB";
    private static final AtomicLong SNOWFLAKES = new AtomicLong(
            1_180_000_000_000_000_000L + ThreadLocalRandom.current().nextLong(1L << 50));

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ChannelConnections connections;

    @Inject
    Pool pool;

    @Test
    void aPingIsAnsweredWithAPongAndUnsignedForgedStaleMalformedOrMisaddressedRequestsAreProblems() {
        // Given a Discord connection with its application's public key
        DiscordKeys keys = DiscordKeys.generate();
        String path = "/v1/channels/discord/" + connect(keys);
        String ping = "{\"id\":\"" + SNOWFLAKES.incrementAndGet() + "\",\"application_id\":\"" + APPLICATION_ID
                + "\",\"type\":1,\"version\":1}";

        // When Discord checks the endpoint with a signed PING, Then it gets a PONG
        given().headers(keys.headers(ping)).body(ping).post(path).then().statusCode(200).body("type", equalTo(1));

        // And Discord's deliberately bad signature (another key), no signature, no timestamp, and a PING signed six
        // minutes ago (a replay) are 401 problems
        given().headers(DiscordKeys.generate().headers(ping)).body(ping).post(path).then().statusCode(401)
                .contentType(PROBLEM);
        given().contentType("application/json").body(ping).post(path).then().statusCode(401).contentType(PROBLEM);
        given().header("X-Signature-Ed25519", keys.headers(ping).get("X-Signature-Ed25519"))
                .contentType("application/json").body(ping).post(path).then().statusCode(401).contentType(PROBLEM);
        given().headers(keys.headers(ping, -360)).body(ping).post(path).then().statusCode(401).contentType(PROBLEM);
        // And a signature of another body is refused (the raw bytes are verified)
        given().headers(keys.headers(ping)).body(ping.replace("\"type\":1", "\"type\":2")).post(path).then()
                .statusCode(401).contentType(PROBLEM);
        // And signed bodies that are not JSON, have an unknown type or a hostile channel id are 400 problems
        for (String bad : List.of("not json{", "[1]", "{\"type\":99,\"id\":\"1\"}",
                interaction(SNOWFLAKES.incrementAndGet(), "tok", "../x", null, "ask", "hi"))) {
            given().headers(keys.headers(bad)).body(bad).post(path).then().statusCode(400).contentType(PROBLEM);
        }
        // And an unknown connection id is a 404 problem
        given().headers(keys.headers(ping)).body(ping).post("/v1/channels/discord/" + UUID.randomUUID()).then()
                .statusCode(404).contentType(PROBLEM);
        // And buttons and other commands get an ephemeral answer saying what is supported
        String button = interaction(SNOWFLAKES.incrementAndGet(), "tokB", "1200000000000000001", null, null, null)
                .replace("\"type\":2", "\"type\":3");
        given().headers(keys.headers(button)).body(button).post(path).then().statusCode(200)
                .body("type", equalTo(4)).body("data.flags", equalTo(64));
        String other = interaction(SNOWFLAKES.incrementAndGet(), "tokO", "1200000000000000001", null, "weather", "x");
        given().headers(keys.headers(other)).body(other).post(path).then().statusCode(200)
                .body("type", equalTo(4)).body("data.content", equalTo("This assistant answers /ask only."));
    }

    @Test
    void anAskIsDeferredPublishedOnceEvenWhenReplayedAndItsReplyEditsTheResponseWithoutMentions() {
        // Given a Discord connection and a member's /ask in a server channel
        DiscordKeys keys = DiscordKeys.generate();
        String connectionId = connect(keys);
        String path = "/v1/channels/discord/" + connectionId;
        long id = SNOWFLAKES.incrementAndGet();
        String token = "aW50ZXJhY3Rpb246" + id;
        String channel = String.valueOf(SNOWFLAKES.incrementAndGet());
        String ask = interaction(id, token, channel, "1190000000000000001", "ask", "What is **Kafka**?");
        MessageReceived m;
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // When Discord sends it, and the same interaction arrives again (a replay within the window)
            given().headers(keys.headers(ask)).body(ask).post(path).then().statusCode(200).body("type", equalTo(5));
            given().headers(keys.headers(ask)).body(ask).post(path).then().statusCode(200).body("type", equalTo(5));
            // Then it is published once (a marker interaction proves the replay was handled before it)
            String marker = interaction(SNOWFLAKES.incrementAndGet(), "tokM", channel, "1190000000000000001", "ask",
                    "marker");
            given().headers(keys.headers(marker)).body(marker).post(path).then().statusCode(200);
            inbound.await(MessageReceived.class, x -> x.text().equals("marker")
                    && x.conversationId().startsWith("dc:" + connectionId), 1);
            List<CloudEvent<MessageReceived>> asked = inbound.events(MessageReceived.class,
                    x -> x.conversationId().startsWith("dc:" + connectionId) && !x.text().equals("marker"));
            assertThat(asked).hasSize(1);
            m = asked.getFirst().data();
        }
        // And as the member's own conversation in that channel
        assertThat(m.channel()).isEqualTo("discord");
        assertThat(m.text()).isEqualTo("What is **Kafka**?");
        assertThat(m.userId()).isEqualTo("dc:1210000000000000001");
        assertThat(m.conversationId()).isEqualTo("dc:" + connectionId + ":" + channel + ":1210000000000000001");

        // When the assistant's reply, which tries to ping everyone, is published and redelivered
        CloudEvent<ReplyReady> reply = reply(m, "Kafka is a **log**. @everyone @here <@&1234567890123>");
        Events.publish(bootstrap, reply);
        await().atMost(WAIT).until(() -> DiscordEmulators.discord.calls(token).size() == 1);
        Events.publish(bootstrap, reply, reply(m, "marker"));
        await().atMost(WAIT).until(() -> DiscordEmulators.discord.calls(token).size() == 2);

        // Then the deferred response was edited once with the Markdown kept, the mass mentions inert and no mention
        // allowed; the redelivery posted nothing (the marker reply, a second reply, is the only other call: a follow-up)
        List<DiscordApi.Call> calls = DiscordEmulators.discord.calls(token);
        assertThat(calls.getFirst().method()).isEqualTo("PATCH");
        assertThat(calls.getFirst().path()).isEqualTo("/webhooks/" + APPLICATION_ID + "/" + token
                + "/messages/@original");
        assertThat(calls.getFirst().content())
                .isEqualTo("Kafka is a **log**. @\u200Beveryone @\u200Bhere <@&1234567890123>");
        assertThat(calls).allSatisfy(c -> {
            assertThat(c.body().path("allowed_mentions").path("parse").isArray()).isTrue();
            assertThat(c.body().path("allowed_mentions").path("parse")).isEmpty();
            assertThat(c.authorization()).isNull();
        });
        assertThat(calls.get(1).content()).isEqualTo("marker");
        assertThat(calls.get(1).method()).isEqualTo("POST");
    }

    @Test
    void aLongReplyIsSplitAt2000AndFollowsUpOnceAfterA429() {
        // Given an /ask in a direct message whose webhook answers its first call 429 (retry_after 1.2 s)
        DiscordKeys keys = DiscordKeys.generate();
        String connectionId = connect(keys);
        long id = SNOWFLAKES.incrementAndGet();
        String token = "bG9uZ3JlcGx5" + id;
        String dm = String.valueOf(SNOWFLAKES.incrementAndGet());
        MessageReceived m = ask(keys, connectionId, interaction(id, token, dm, null, "ask", "explain"), dm);
        assertThat(m.conversationId()).isEqualTo("dc:" + connectionId + ":" + dm);
        DiscordEmulators.discord.rateLimitedOnce(token, 1.2);

        // When a reply of about 6500 characters in 100 short paragraphs and a long last line is published, and redelivered
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            text.append("Paragraph ").append(i).append(": ").append("word ".repeat(8).strip()).append(".\n\n");
        }
        String long1 = text.toString().strip() + " " + "x".repeat(1500);
        CloudEvent<ReplyReady> reply = reply(m, long1);
        Events.publish(bootstrap, reply);
        List<String> expected = DiscordText.parts(long1, 40);
        assertThat(expected).hasSizeGreaterThan(2);
        await().atMost(WAIT).until(() -> DiscordEmulators.discord.calls(token).size() == expected.size() + 1);
        Events.publish(bootstrap, reply, reply(m, "marker"));
        await().atMost(WAIT).until(() -> DiscordEmulators.discord.calls(token).stream()
                .anyMatch(c -> c.content().equals("marker")));

        // Then the first call was refused with 429 and made again after retry_after; every part was posted once, in
        // order, within 2000 characters: the first as the edit of the response, the rest as follow-ups
        List<DiscordApi.Call> calls = DiscordEmulators.discord.calls(token);
        assertThat(calls).hasSize(expected.size() + 2);
        assertThat(calls.get(0).method()).isEqualTo("PATCH");
        assertThat(calls.get(1).method()).isEqualTo("PATCH");
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(1100));
        assertThat(calls.subList(2, calls.size())).allSatisfy(c -> {
            assertThat(c.method()).isEqualTo("POST");
            assertThat(c.path()).isEqualTo("/webhooks/" + APPLICATION_ID + "/" + token);
        });
        List<String> sent = calls.subList(1, calls.size() - 1).stream().map(DiscordApi.Call::content).toList();
        assertThat(sent).containsExactlyElementsOf(expected);
        assertThat(sent).allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(2000));
        assertThat(String.join("", sent).replaceAll("\\s", "")).isEqualTo(long1.replaceAll("\\s", ""));
    }

    @Test
    void afterTheTokensLifeOrWhenDiscordRefusesItTheReplyIsAChannelMessage() {
        // Given two /ask in one server channel: the first received 20 minutes ago (as the database's row says), the
        // second one whose token Discord no longer accepts
        DiscordKeys keys = DiscordKeys.generate();
        String connectionId = connect(keys);
        String channel = String.valueOf(SNOWFLAKES.incrementAndGet());
        long old = SNOWFLAKES.incrementAndGet();
        long refused = SNOWFLAKES.incrementAndGet();
        MessageReceived first = ask(keys, connectionId, interaction(old, "b2xk" + old, channel, "1190000000000000001",
                "ask", "slow question"), channel);
        MessageReceived second = ask(keys, connectionId, interaction(refused, "cmVm" + refused, channel,
                "1190000000000000001", "ask", "other question"), channel);
        RowScope.acrossTenants(pool, tx -> tx.preparedQuery("""
                UPDATE ingress.discord_interaction SET received_at = now() - interval '20 minutes'
                WHERE interaction_id = $1""").execute(Tuple.of(String.valueOf(old)))).await().atMost(WAIT);
        DiscordEmulators.discord.expire("cmVm" + refused);

        // When both replies are published
        Events.publish(bootstrap, reply(first, "late answer"), reply(second, "refused answer"));
        String messages = "/channels/" + channel + "/messages";
        await().atMost(WAIT).until(() -> DiscordEmulators.discord.calls(messages).size() == 2);

        // Then each went to the channel with the bot token and no mentions; the old token was never used, the
        // refused one once
        List<DiscordApi.Call> posts = DiscordEmulators.discord.calls(messages);
        assertThat(posts).extracting(DiscordApi.Call::content).containsExactlyInAnyOrder("late answer",
                "refused answer");
        assertThat(posts).allSatisfy(c -> {
            assertThat(c.method()).isEqualTo("POST");
            assertThat(c.authorization()).isEqualTo("Bot " + BOT_TOKEN);
            assertThat(c.body().path("allowed_mentions").path("parse")).isEmpty();
        });
        assertThat(DiscordEmulators.discord.calls("b2xk" + old)).isEmpty();
        assertThat(DiscordEmulators.discord.calls("cmVm" + refused)).hasSize(1);
    }

    private String connect(DiscordKeys keys) {
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        String connectionId = TestConnections.newConnectionId();
        TestConnections.publishAndAwait(bootstrap, connections, TestConnections.record(tenant.tenantId(),
                connectionId, Type.DISCORD, Status.ACTIVE, Settings.defaults(),
                new Account(DiscordApi.BOT_USER_ID, "aleff"),
                Map.of(ChannelConnectionChanged.BOT_TOKEN, BOT_TOKEN, ChannelConnectionChanged.PUBLIC_KEY,
                        keys.publicKeyHex(), ChannelConnectionChanged.APPLICATION_ID, APPLICATION_ID),
                1));
        return connectionId;
    }

    private MessageReceived ask(DiscordKeys keys, String connectionId, String interaction, String channel) {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            given().headers(keys.headers(interaction)).body(interaction).post("/v1/channels/discord/" + connectionId)
                    .then().statusCode(200).body("type", equalTo(5));
            return inbound.awaitOne(MessageReceived.class,
                    x -> x.conversationId().startsWith("dc:" + connectionId + ":" + channel)
                            && interaction.contains("\"value\":\"" + x.text() + "\""))
                    .data();
        }
    }

    /** An APPLICATION_COMMAND as Discord sends it; in a server ({@code guild} given) from a member, else a DM. */
    private static String interaction(long id, String token, String channel, String guild, String command,
            String question) {
        String user = "{\"id\":\"1210000000000000001\",\"username\":\"ada\",\"global_name\":\"Ada\"}";
        String where = guild == null
                ? "\"user\":" + user
                : "\"guild_id\":\"" + guild + "\",\"member\":{\"user\":" + user + ",\"roles\":[]}";
        String data = command == null
                ? "{\"custom_id\":\"b1\",\"component_type\":2}"
                : "{\"id\":\"1220000000000000001\",\"name\":\"" + command + "\",\"type\":1,\"options\":[{\"name\":"
                        + "\"question\",\"type\":3,\"value\":\"" + question + "\"}]}";
        return "{\"id\":\"" + id + "\",\"application_id\":\"" + APPLICATION_ID + "\",\"type\":2,\"token\":\"" + token
                + "\",\"version\":1,\"channel_id\":\"" + channel + "\",\"channel\":{\"id\":\"" + channel
                + "\",\"type\":0}," + where + ",\"data\":" + data + ",\"locale\":\"en-US\",\"app_permissions\":\"0\"}";
    }

    private static CloudEvent<ReplyReady> reply(MessageReceived m, String text) {
        Instant now = Instant.now();
        String replyId = UUID.randomUUID().toString();
        return CloudEvent.of("agent-worker", replyId, m.tenantId(), m.conversationId(), now, new ReplyReady(replyId,
                m.tenantId(), m.conversationId(), m.messageId(), m.channel(), text, "offline", now));
    }
}
