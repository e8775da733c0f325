package ai.aleff.ingress;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
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
import ai.aleff.ingress.slack.SlackSignatureVerifier;
import ai.aleff.platform.database.RowScope;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.EventProbe;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.channels.SlackWebApi;

/**
 * Slack's per-workspace limit of {@code chat.postMessage}, counted at the emulated Web API: a burst over many channels
 * of one workspace is paced to the workspace's ceiling, a 429 on one channel pauses the method for the whole
 * workspace until {@code Retry-After}, another workspace goes on meanwhile, and every reply part is posted once.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(value = DeliveryEmulators.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = VoiceEmulators.class, restrictToAnnotatedClass = true)
class SlackDeliveryLimitsIT {

    private static final Logger LOG = Logger.getLogger(SlackDeliveryLimitsIT.class);
    private static final Duration WAIT = Duration.ofSeconds(40);
    /** How much sooner than the gate's spacing a post may arrive: the HTTP calls after the gate vary this much. */
    private static final Duration JITTER = Duration.ofMillis(150);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    ChannelConnections connections;

    @Inject
    Pool pool;

    @Test
    void aBurstOverManyChannelsOfOneWorkspaceIsPacedToTheWorkspaceCeilingAndPostedOncePerPart() {
        // Given one workspace (connection) with a mention waiting in each of eight channels
        Workspace workspace = workspace(TestTenants.register(bootstrap));
        List<MessageReceived> mentions = workspace.mentions(8);

        // When every mention is answered at once
        mentions.forEach(m -> Events.publish(bootstrap, reply(m, "answer in " + channelOf(m))));

        // Then each channel got exactly one post, and the workspace's posts are the workspace gap apart although each
        // went to a channel of its own
        await().atMost(WAIT).until(() -> workspace.channels().stream()
                .allMatch(c -> DeliveryEmulators.slack.posts(c).size() == 1));
        List<SlackWebApi.Call> posts = workspace.posts();
        assertThat(posts).hasSize(8);
        for (String channel : workspace.channels()) {
            assertThat(DeliveryEmulators.slack.posts(channel)).extracting(SlackWebApi.Call::text)
                    .containsExactly("answer in " + channel);
        }
        Duration gap = DeliveryEmulators.SLACK_WORKSPACE_POST_GAP;
        LOG.infof("Figures: %d posts to %d channels of one workspace in %d ms, gaps %s ms (workspace gap %d ms)",
                posts.size(), workspace.channels().size(),
                Duration.between(posts.getFirst().at(), posts.getLast().at()).toMillis(),
                IntStream.range(1, posts.size())
                        .mapToObj(i -> Duration.between(posts.get(i - 1).at(), posts.get(i).at()).toMillis())
                        .toList(),
                gap.toMillis());
        for (int i = 1; i < posts.size(); i++) {
            assertThat(Duration.between(posts.get(i - 1).at(), posts.get(i).at()))
                    .isGreaterThanOrEqualTo(gap.minus(JITTER));
        }
        assertThat(Duration.between(posts.getFirst().at(), posts.getLast().at()))
                .isGreaterThanOrEqualTo(gap.multipliedBy(posts.size() - 1).minus(JITTER));
    }

    @Test
    void a429OnOneChannelPausesTheWholeWorkspaceUntilRetryAfterWhileAnotherWorkspaceGoesOn() {
        // Given two workspaces of one tenant with mentions in four channels each, and Slack rate-limiting the first
        // post to the first workspace's first channel for 6 s
        Events.TestTenant tenant = TestTenants.register(bootstrap);
        Workspace limited = workspace(tenant);
        Workspace other = workspace(tenant);
        List<MessageReceived> limitedMentions = limited.mentions(4);
        List<MessageReceived> otherMentions = other.mentions(4);
        String first = limited.channels().getFirst();
        int retryAfter = 6;
        DeliveryEmulators.slack.rateLimitedOnce(first, retryAfter);

        // When the first channel's reply earns the 429, and (once the pause is recorded) every other channel's reply
        // is published
        Events.publish(bootstrap, reply(limitedMentions.getFirst(), "answer in " + first));
        await().atMost(WAIT).until(() -> DeliveryEmulators.slack.posts(first).size() == 1);
        await().atMost(WAIT).until(() -> pausedSeconds(tenant.tenantId(), limited.connectionId()) > 1);
        Instant limitedAt = DeliveryEmulators.slack.posts(first).getFirst().at();
        limitedMentions.stream().skip(1).forEach(m -> Events.publish(bootstrap, reply(m, "answer in " + channelOf(m))));
        otherMentions.forEach(m -> Events.publish(bootstrap, reply(m, "answer in " + channelOf(m))));

        // Then the other workspace's channels were all answered during the pause
        await().atMost(WAIT).until(() -> other.channels().stream()
                .allMatch(c -> DeliveryEmulators.slack.posts(c).size() == 1));
        Instant resumeAt = limitedAt.plusSeconds(retryAfter);
        assertThat(other.posts()).allSatisfy(call -> assertThat(call.at()).isBefore(resumeAt));

        // And no channel of the limited workspace got a post before Retry-After had passed, then each exactly one
        await().atMost(WAIT).until(() -> limited.posts().size() == 5);
        List<SlackWebApi.Call> limitedPosts = limited.posts();
        LOG.infof("Figures: after the 429 (Retry-After %d s) the other workspace's posts at +%s ms, the limited "
                + "workspace's at +%s ms", retryAfter,
                other.posts().stream().map(c -> Duration.between(limitedAt, c.at()).toMillis()).toList(),
                limitedPosts.stream().skip(1).map(c -> Duration.between(limitedAt, c.at()).toMillis()).toList());
        assertThat(limitedPosts.getFirst().at()).isEqualTo(limitedAt);
        assertThat(limitedPosts.subList(1, limitedPosts.size())).allSatisfy(call -> assertThat(call.at())
                .isAfterOrEqualTo(resumeAt.minus(JITTER)));
        assertThat(DeliveryEmulators.slack.posts(first)).extracting(SlackWebApi.Call::text)
                .containsExactly("answer in " + first, "answer in " + first);
        for (String channel : limited.channels().subList(1, 4)) {
            assertThat(DeliveryEmulators.slack.posts(channel)).extracting(SlackWebApi.Call::text)
                    .containsExactly("answer in " + channel);
        }
        for (String channel : other.channels()) {
            assertThat(DeliveryEmulators.slack.posts(channel)).extracting(SlackWebApi.Call::text)
                    .containsExactly("answer in " + channel);
        }
    }

    /** How long chat.postMessage stays paused for the connection's workspace, by the database's clock. */
    private double pausedSeconds(String tenantId, String connectionId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("""
                SELECT coalesce(max(extract(epoch FROM next_allowed_at - clock_timestamp())), 0)::float8 AS s
                FROM ingress.delivery_rate WHERE tenant_id = $1 AND rate_key = $2""")
                .execute(Tuple.of(tenantId, "sl:method:" + connectionId + ":chat.postMessage"))
                .map(rows -> rows.iterator().next().getDouble("s")))
                .await().atMost(Duration.ofSeconds(10));
    }

    private Workspace workspace(Events.TestTenant tenant) {
        String connectionId = TestConnections.newConnectionId();
        String secret = "0123456789abcdef" + connectionId.substring(0, 16);
        TestConnections.publishAndAwait(bootstrap, connections, TestConnections.record(tenant.tenantId(),
                connectionId, Type.SLACK, Status.ACTIVE, Settings.defaults(), new Account("UBOT0001", "BBOT0001"),
                Map.of(ChannelConnectionChanged.BOT_TOKEN, "xoxb-1-2-" + connectionId,
                        ChannelConnectionChanged.SIGNING_SECRET, secret),
                1));
        return new Workspace(tenant.tenantId(), connectionId, secret, new ArrayList<>());
    }

    /** One Slack app in one workspace, and the channels the test used in it. */
    private final class Workspace {
        private final String tenantId;
        private final String connectionId;
        private final String secret;
        private final List<String> channels;

        Workspace(String tenantId, String connectionId, String secret, List<String> channels) {
            this.tenantId = tenantId;
            this.connectionId = connectionId;
            this.secret = secret;
            this.channels = channels;
        }

        String connectionId() {
            return connectionId;
        }

        List<String> channels() {
            return channels;
        }

        /** A mention of the bot in each of {@code count} new channels, accepted (in Kafka) one by one. */
        List<MessageReceived> mentions(int count) {
            try (EventProbe inbound = EventProbe.open(bootstrap, Topics.CONVERSATION_INBOUND)) {
                return IntStream.range(0, count).mapToObj(i -> mention(inbound)).toList();
            }
        }

        /** Every post to this workspace's channels, in arrival order. */
        List<SlackWebApi.Call> posts() {
            return channels.stream().flatMap(c -> DeliveryEmulators.slack.posts(c).stream())
                    .sorted(Comparator.comparing(SlackWebApi.Call::at)).toList();
        }

        private MessageReceived mention(EventProbe inbound) {
            String channel = "C" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36)
                    .toUpperCase(Locale.ROOT);
            channels.add(channel);
            String event = """
                    {"type":"event_callback","team_id":"T0TEAM001","event":{"type":"app_mention","channel":"%s",
                    "channel_type":"channel","user":"U0ADA","text":"<@UBOT0001> hello","ts":"1700000000.000300"},
                    "event_id":"Ev%s","event_time":1700000000}""".formatted(channel, channel);
            String timestamp = String.valueOf(Instant.now().getEpochSecond());
            given().header("X-Slack-Request-Timestamp", timestamp)
                    .header("X-Slack-Signature", SlackSignatureVerifier.sign(secret, timestamp,
                            event.getBytes(StandardCharsets.UTF_8)))
                    .contentType("application/json").body(event).post("/v1/channels/slack/{id}", connectionId)
                    .then().statusCode(200);
            return inbound.awaitOne(MessageReceived.class, m -> m.tenantId().equals(tenantId)
                    && channelOf(m).equals(channel)).data();
        }
    }

    /** The channel of a mention's conversation {@code sl:<connectionId>:<channel>:<thread_ts>}. */
    private static String channelOf(MessageReceived m) {
        String[] parts = m.conversationId().split(":");
        return parts.length > 2 ? parts[2] : "";
    }

    private static CloudEvent<ReplyReady> reply(MessageReceived m, String text) {
        String replyId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        return CloudEvent.of("agent-worker", replyId, m.tenantId(), m.conversationId(), now, new ReplyReady(replyId,
                m.tenantId(), m.conversationId(), m.messageId(), m.channel(), text, "offline", now));
    }
}
