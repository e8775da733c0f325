package ai.aleff.ingress.discord.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import ai.aleff.contracts.Topics;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.ChannelConnectionChanged;
import ai.aleff.contracts.events.ChannelConnectionChanged.Account;
import ai.aleff.contracts.events.ChannelConnectionChanged.Mode;
import ai.aleff.contracts.events.ChannelConnectionChanged.Settings;
import ai.aleff.contracts.events.ChannelConnectionChanged.Status;
import ai.aleff.contracts.events.ChannelConnectionChanged.Type;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.ingress.TestConnections;
import ai.aleff.ingress.TestTenants;
import ai.aleff.ingress.connection.ChannelConnections;
import ai.aleff.ingress.inbound.ChannelMessageIntake;
import ai.aleff.ingress.repository.DiscordGatewayRepository;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.lease.LeaseState;
import ai.aleff.platform.lease.Leases;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.channels.DiscordApi;
import ai.aleff.testkit.channels.DiscordGatewayServer;

/**
 * The Discord Gateway against the emulated Gateway and REST API, a real broker and a real PostgreSQL: IDENTIFY and
 * heartbeats, direct messages and mentions in, bots and ourselves ignored, replies out as message references with
 * typing meanwhile; a zombie connection, RECONNECT, a drop in a burst and a lease takeover all RESUMEd with the
 * missed messages replayed exactly once; a refused RESUME re-identified; a spent IDENTIFY budget respected; a refused
 * token reported once. A second instance is a second {@link DiscordGateway} in this JVM with its own holder id, as in
 * SlackSocketModeIT.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(value = DiscordGatewayEmulator.class, restrictToAnnotatedClass = true)
class DiscordGatewayIT {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String USER = "1100000000000000001";
    private static final String GUILD = "1000000000000000001";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    DiscordGateway gateway;

    @Inject
    ChannelConnections connections;

    @Inject
    ChannelMessageIntake intake;

    @Inject
    DiscordGatewayApi api;

    @Inject
    DiscordGatewayRepository store;

    @Inject
    Leases leases;

    @Inject
    DiscordGatewaySettings settings;

    @Inject
    DiscordGatewayReports reports;

    @Inject
    ObjectMapper json;

    private final DiscordGatewayServer discord = DiscordGatewayEmulator.gateway();
    private final DiscordApi rest = DiscordGatewayEmulator.api();

    @Test
    void aDirectMessageIsPublishedOnceAndAnsweredAsAReplyToItWithTypingMeanwhile() {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // Given a bot connected in GATEWAY mode
            Bot bot = connect();

            // Then it IDENTIFYs once, with the message intents, and heartbeats
            assertThat(discord.identifies(bot.token)).singleElement()
                    .satisfies(i -> assertThat(i.intents()).isEqualTo((1 << 9) | (1 << 12) | (1 << 15)));
            await().atMost(WAIT).until(() -> discord.heartbeats(bot.token).size() >= 2);

            // When a user sends it a direct message
            String channel = bot.channel();
            String messageId = discord.dispatchMessage(bot.token, channel, null, USER, false, "what is a log?");

            // Then it is published once, in the channel's conversation
            CloudEvent<MessageReceived> received = inbound.awaitOne(MessageReceived.class,
                    m -> m.tenantId().equals(bot.tenantId));
            assertThat(received.data().channel()).isEqualTo("discord");
            assertThat(received.data().text()).isEqualTo("what is a log?");
            assertThat(received.data().conversationId()).isEqualTo("dc:" + bot.connectionId + ":" + channel);
            assertThat(received.data().userId()).isEqualTo("dc:" + USER);

            // And typing is shown in the channel while the reply is awaited
            await().atMost(WAIT).until(() -> !rest.calls("/channels/" + channel + "/typing").isEmpty());

            // When the reply is ready, Then it is posted to the channel as a reply to the user's message, mentioning
            // no one
            Events.publish(bootstrap, reply(received.data(), "A log is an append-only sequence. @everyone"));
            DiscordApi.Call post = await().atMost(WAIT).until(
                    () -> rest.calls("/channels/" + channel + "/messages"), calls -> calls.size() == 1).getFirst();
            assertThat(post.authorization()).isEqualTo("Bot " + bot.token);
            assertThat(post.body().at("/message_reference/message_id").asText()).isEqualTo(messageId);
            assertThat(post.body().at("/allowed_mentions/parse").isEmpty()).isTrue();
            assertThat(post.content()).startsWith("A log is an append-only sequence.").contains("@\u200Beveryone");
            assertThat(inbound.events(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId))).hasSize(1);
        }
    }

    @Test
    void aMentionInAServerIsTakenWithoutTheMentionAndBotsOwnAndUnaddressedMessagesAreIgnored() {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // Given a connected bot
            Bot bot = connect();
            String channel = bot.channel();

            // When a server channel gets a message without a mention, one of another bot, one of ours, and a mention
            discord.dispatchMessage(bot.token, channel, GUILD, USER, false, "just chatting");
            discord.dispatchMessage(bot.token, channel, GUILD, "1100000000000000099", true,
                    "<@" + DiscordApi.BOT_USER_ID + "> from a bot", DiscordApi.BOT_USER_ID);
            discord.dispatchMessage(bot.token, channel, GUILD, DiscordApi.BOT_USER_ID, true, "our own answer");
            discord.dispatchMessage(bot.token, channel, GUILD, USER, false,
                    "<@" + DiscordApi.BOT_USER_ID + "> what is Kafka?", DiscordApi.BOT_USER_ID);
            discord.dispatchMessage(bot.token, bot.channel(), null, USER, false, "marker");

            // Then only the mention (its text without the mention, in the member's conversation) and the marker
            // are published
            inbound.awaitOne(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId)
                    && m.text().equals("marker"));
            List<CloudEvent<MessageReceived>> events = inbound.events(MessageReceived.class,
                    m -> m.tenantId().equals(bot.tenantId));
            assertThat(events).extracting(e -> e.data().text()).containsExactly("what is Kafka?", "marker");
            assertThat(events.getFirst().data().conversationId())
                    .isEqualTo("dc:" + bot.connectionId + ":" + channel + ":" + USER);
        }
    }

    @Test
    void aZombieConnectionIsDetectedAndResumedWithTheRightSeqAndTheMissedMessagesArriveOnce() {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // Given a connected bot that has received one message
            Bot bot = connect();
            String channel = bot.channel();
            discord.dispatchMessage(bot.token, channel, null, USER, false, "before");
            inbound.awaitOne(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId));
            int handled = discord.lastSeq(bot.token);

            // When the link goes dead (no heartbeat ACK, nothing delivered) and two messages are sent meanwhile
            discord.zombie(bot.token);
            discord.dispatchMessage(bot.token, channel, null, USER, false, "missed 1");
            discord.dispatchMessage(bot.token, channel, null, USER, false, "missed 2");

            // Then the zombie is detected within two heartbeat intervals and the session RESUMEd after the last
            // handled message, without a new IDENTIFY
            DiscordGatewayServer.Resume resume = await().atMost(WAIT)
                    .until(() -> discord.resumes(bot.token), r -> !r.isEmpty()).getFirst();
            assertThat(resume.sessionId()).isEqualTo(discord.sessionId(bot.token));
            assertThat(resume.seq()).isEqualTo(handled);
            assertThat(discord.identifies(bot.token)).hasSize(1);

            // And the missed messages are replayed and published exactly once each
            inbound.await(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId), 3);
            discord.dispatchMessage(bot.token, channel, null, USER, false, "marker");
            inbound.awaitOne(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId)
                    && m.text().equals("marker"));
            assertThat(inbound.events(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId)))
                    .extracting(e -> e.data().text()).containsExactly("before", "missed 1", "missed 2", "marker");
            assertThat(reports.state(bot.connectionId)).isEqualTo(DiscordGatewayReports.State.CONNECTED);
        }
    }

    @Test
    void reconnectResumesAndAnInvalidSessionThatCannotBeResumedIdentifiesAfreshAfterTheWaitDiscordAsks() {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND);
                EventProbe audit = EventProbe.open(bootstrap, Topics.AUDIT)) {
            // Given a connected bot
            Bot bot = connect();
            String channel = bot.channel();
            String session = discord.sessionId(bot.token);

            // When Discord asks it to reconnect, Then it RESUMEs the same session and keeps receiving
            discord.reconnect(bot.token);
            await().atMost(WAIT).until(() -> discord.resumes(bot.token).size() == 1
                    && discord.openSockets(bot.token) == 1);
            assertThat(discord.resumes(bot.token).getFirst().sessionId()).isEqualTo(session);
            discord.dispatchMessage(bot.token, channel, null, USER, false, "after reconnect");
            inbound.awaitOne(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId)
                    && m.text().equals("after reconnect"));

            // When the session ends on Discord's side (past its replay window) and the link drops
            discord.expireSession(bot.token);
            discord.drop(bot.token);

            // Then the RESUME is refused (INVALID_SESSION false), which is audited, and a new session IDENTIFYd at
            // least a second later, as Discord asks
            await().atMost(WAIT).until(() -> discord.identifies(bot.token).size() == 2);
            Instant refused = discord.resumes(bot.token).get(1).at();
            assertThat(Duration.between(refused, discord.identifies(bot.token).get(1).at()))
                    .isGreaterThanOrEqualTo(Duration.ofMillis(900));
            audit.awaitOne(AuditRecord.class, r -> r.subjectId().equals(bot.connectionId)
                    && r.action().equals("channel.gateway-resume-refused"));
            assertThat(discord.resumes(bot.token)).hasSize(2);
            await().atMost(WAIT).until(() -> reports.state(bot.connectionId) == DiscordGatewayReports.State.CONNECTED
                    && discord.openSockets(bot.token) == 1);
            discord.dispatchMessage(bot.token, channel, null, USER, false, "new session");
            inbound.awaitOne(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId)
                    && m.text().equals("new session"));
        }
    }

    @Test
    void aDisconnectInTheMiddleOfABurstIsResumedWithoutLossOrDuplicate() {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // Given a connected bot
            Bot bot = connect();
            String channel = bot.channel();

            // When a burst of 20 messages has the link drop after the 8th (without a close frame)
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sent.add("burst " + i);
                discord.dispatchMessage(bot.token, channel, null, USER, false, "burst " + i);
                if (i == 7) {
                    discord.drop(bot.token);
                }
            }

            // Then the session is RESUMEd and every message arrives exactly once, in order
            inbound.await(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId), 20);
            discord.dispatchMessage(bot.token, channel, null, USER, false, "marker");
            inbound.awaitOne(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId)
                    && m.text().equals("marker"));
            sent.add("marker");
            assertThat(inbound.events(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId)))
                    .extracting(e -> e.data().text()).containsExactlyElementsOf(sent);
            assertThat(discord.resumes(bot.token)).isNotEmpty();
            assertThat(discord.identifies(bot.token)).hasSize(1);
            assertThat(discord.maxOpenAtOnce(bot.token)).isOne();
        }
    }

    @Test
    void aSpentIdentifyBudgetSendsNoIdentifyAndSaysSo() {
        try (EventProbe audit = EventProbe.open(bootstrap, Topics.AUDIT)) {
            // Given a bot with only 20 of its 1,000 daily session starts left (below the reserve of 50)
            Bot bot = new Bot();
            rest.startLimit(discord.url(), bot.token, 20, 3_600_000);

            // When it is connected
            bot.register();

            // Then no IDENTIFY is sent, the wait is reported and audited once
            await().atMost(WAIT)
                    .until(() -> reports.state(bot.connectionId) == DiscordGatewayReports.State.BUDGET_SPENT);
            audit.awaitOne(AuditRecord.class, r -> r.subjectId().equals(bot.connectionId)
                    && r.action().equals("channel.gateway-identify-budget"));
            await().during(settings.registryInterval().multipliedBy(4)).atMost(WAIT)
                    .until(() -> discord.identifies(bot.token).isEmpty());
            assertThat(audit.events(AuditRecord.class, r -> r.subjectId().equals(bot.connectionId))).hasSize(1);
        }
    }

    @Test
    void twoContendersHoldOneGatewayAndTheSurvivorResumesTheStoredSessionWithoutLosingAMessage() {
        try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
            // Given two contending instances (this app's Gateway paused for the test) and one bot
            gateway.stop();
            DiscordGateway b1 = instance("instance-b1");
            DiscordGateway b2 = instance("instance-b2");
            try {
                b1.start();
                b2.start();
                Bot bot = new Bot();
                bot.register();
                LeaseState first = await().atMost(WAIT).until(() -> lease(bot), s -> s.isPresent()
                        && s.get().held()).orElseThrow();
                awaitConnected(bot);
                String channel = bot.channel();
                discord.dispatchMessage(bot.token, channel, null, USER, false, "before failover");
                inbound.awaitOne(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId));
                String session = discord.sessionId(bot.token);
                int handled = discord.lastSeq(bot.token);

                // Then one Gateway connection was opened (over several acquire intervals of the other)
                await().during(settings.acquireInterval().multipliedBy(3)).atMost(WAIT)
                        .until(() -> discord.identifies(bot.token).size() == 1);
                assertThat(discord.maxOpenAtOnce(bot.token)).isOne();

                // When the holder dies without releasing the lease and a message comes while no one holds it
                DiscordGateway holder = first.holder().equals(b1.holder()) ? b1 : b2;
                DiscordGateway survivor = holder == b1 ? b2 : b1;
                holder.crash();
                discord.dispatchMessage(bot.token, channel, null, USER, false, "during failover");

                // Then the survivor takes the lease and RESUMEs the stored session (no IDENTIFY spent)
                await().atMost(WAIT).until(() -> lease(bot), s -> s.isPresent()
                        && s.get().holder().equals(survivor.holder()));
                DiscordGatewayServer.Resume resume = await().atMost(WAIT)
                        .until(() -> discord.resumes(bot.token), r -> !r.isEmpty()).getFirst();
                assertThat(resume.sessionId()).isEqualTo(session);
                assertThat(resume.seq()).isEqualTo(handled);
                assertThat(discord.identifies(bot.token)).hasSize(1);

                // And the message sent meanwhile is replayed and published once
                discord.dispatchMessage(bot.token, channel, null, USER, false, "after failover");
                inbound.awaitOne(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId)
                        && m.text().equals("after failover"));
                assertThat(inbound.events(MessageReceived.class, m -> m.tenantId().equals(bot.tenantId)))
                        .extracting(e -> e.data().text())
                        .containsExactly("before failover", "during failover", "after failover");
                assertThat(discord.maxOpenAtOnce(bot.token)).isOne();
            } finally {
                b1.stop();
                b2.stop();
                gateway.start();
            }
        }
    }

    @Test
    void anAuthenticationFailureIsReportedOnceAndNotRetriedInALoop() {
        try (EventProbe audit = EventProbe.open(bootstrap, Topics.AUDIT)) {
            // Given a bot whose IDENTIFY the Gateway refuses with 4004 (authentication failed)
            Bot bot = new Bot();
            discord.closeOnIdentify(bot.token, 4004);

            // When it is connected
            bot.register();

            // Then it is reported and audited once, the loop ends and no further IDENTIFY follows
            await().atMost(WAIT)
                    .until(() -> reports.state(bot.connectionId) == DiscordGatewayReports.State.UNAUTHORIZED);
            audit.awaitOne(AuditRecord.class, r -> r.subjectId().equals(bot.connectionId)
                    && r.action().equals("channel.gateway-unauthorized"));
            await().during(settings.registryInterval().multipliedBy(4)).atMost(WAIT)
                    .until(() -> discord.identifies(bot.token).size() == 1);
            assertThat(audit.events(AuditRecord.class, r -> r.subjectId().equals(bot.connectionId))).hasSize(1);
            // And the IDENTIFY was counted against the budget
            assertThat(store.identifies(bot.tenantId, bot.connectionId, Duration.ofHours(24)).await().atMost(WAIT))
                    .hasSize(1);
        }
    }

    private DiscordGateway instance(String holder) {
        return new DiscordGateway(connections, intake::accept, api, store, leases, settings, reports, json,
                holder + "-" + UUID.randomUUID());
    }

    private Optional<LeaseState> lease(Bot bot) {
        return leases.current(GatewayLoop.leaseName(bot.connectionId)).await().atMost(WAIT);
    }

    private Bot connect() {
        Bot bot = new Bot();
        bot.register();
        awaitConnected(bot);
        return bot;
    }

    private void awaitConnected(Bot bot) {
        await().atMost(WAIT).until(() -> discord.openSockets(bot.token) == 1
                && reports.state(bot.connectionId) == DiscordGatewayReports.State.CONNECTED);
    }

    private static CloudEvent<ReplyReady> reply(MessageReceived m, String text) {
        Instant now = Instant.now();
        String replyId = UUID.randomUUID().toString();
        return CloudEvent.of("agent-worker", replyId, m.tenantId(), m.conversationId(), now, new ReplyReady(replyId,
                m.tenantId(), m.conversationId(), m.messageId(), m.channel(), text, "offline", now));
    }

    /** A tenant's bot and its GATEWAY connection, as tenant-service publishes it. */
    private final class Bot {
        final String tenantId = TestTenants.register(bootstrap).tenantId();
        final String connectionId = TestConnections.newConnectionId();
        final String token = "MTE3MDAwMDAwMDAwMDAwMDAwMQ.GabCdE." + UUID.randomUUID().toString().replace("-", "");

        void register() {
            TestConnections.publishAndAwait(bootstrap, connections, TestConnections.record(tenantId, connectionId,
                    Type.DISCORD, Mode.GATEWAY, Status.ACTIVE, Settings.defaults(),
                    new Account(DiscordApi.BOT_USER_ID, "aleff"),
                    Map.of(ChannelConnectionChanged.BOT_TOKEN, token,
                            ChannelConnectionChanged.APPLICATION_ID, "1170000000000000000"),
                    1));
        }

        /** A channel of this test's own (ids are snowflakes). */
        String channel() {
            return String.valueOf(1200000000000000000L + ThreadLocalRandom.current().nextLong(1_000_000_000L));
        }
    }
}
