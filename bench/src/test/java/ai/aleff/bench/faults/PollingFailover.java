package ai.aleff.bench.faults;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.Progress;
import ai.aleff.testkit.channels.TelegramConnectApi;
import ai.aleff.testkit.channels.TelegramPollingApi;

/**
 * A Telegram bot in POLLING mode served by two channel-ingress processes ({@link IngressPair}):
 * exactly one holds the bot's lease and long-polls; {@link #killHolder} kills that one with SIGKILL, and the other
 * must take over from the stored offset. Takeover time and overlapping polls (409s) are read at the emulated Bot API.
 */
final class PollingFailover implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TelegramPollingApi telegram;
    private final String token;
    private final String connectionId;
    private final IngressPair ingresses;
    private Instant killedAt;

    private PollingFailover(TelegramPollingApi telegram, String token, String connectionId, IngressPair ingresses) {
        this.telegram = telegram;
        this.token = token;
        this.connectionId = connectionId;
        this.ingresses = ingresses;
    }

    /** Starts the second ingress, connects a polling bot, and waits until one instance holds it and polls. */
    static PollingFailover start(LocalPlatform platform, ChannelConnector connector, TelegramConnectApi connect,
            TelegramPollingApi telegram, Progress progress) {
        IngressPair ingresses = IngressPair.start(platform, progress);
        long botId = 6_000_000_000L + Math.floorMod(UUID.randomUUID().hashCode(), 1_000_000);
        String token = botId + ":AAP" + UUID.randomUUID().toString().replace("-", "");
        connect.bot(token, botId, "polling_" + botId + "_bot");
        telegram.addBot(token);
        ObjectNode body = JSON.createObjectNode().put("type", "TELEGRAM").put("displayName", "Polling bot")
                .put("mode", "POLLING");
        body.putObject("credentials").put("botToken", token);
        String connectionId = connector.connect(body).path("connectionId").asText();
        PollingFailover failover = new PollingFailover(telegram, token, connectionId, ingresses);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> failover.holderPid().isPresent() && telegram.calls(token) > 0);
        progress.line("polling bot connected (connection " + connectionId + "), lease held by pid "
                + failover.holderPid().orElseThrow());
        return failover;
    }

    PollingTarget target() {
        return new PollingTarget(telegram, token);
    }

    String connectionId() {
        return connectionId;
    }

    /** kill -9 of the instance holding the bot's lease; its waiting long poll dies with its connection. */
    void killHolder() {
        ingresses.killHolder(lease());
        killedAt = Instant.now();
        telegram.cutWaitingPolls(token);
    }

    /** Starts the killed instance again (it becomes the standby), and returns once it is ready. */
    void restartKilled() {
        ingresses.restartKilled();
    }

    /** From the kill to the next getUpdates the bot received (the survivor's first long poll); empty if none. */
    Optional<Duration> takeover() {
        if (killedAt == null) {
            return Optional.empty();
        }
        return telegram.callTimes(token).stream().filter(t -> t.isAfter(killedAt)).findFirst()
                .map(t -> Duration.between(killedAt, t));
    }

    /** getUpdates ended by another one's arrival: two pollers overlapped. */
    int conflicts() {
        return telegram.conflicts(token);
    }

    /** Updates handed out more than once (a batch the killed holder fetched but never confirmed is re-served). */
    long reserved() {
        return telegram.handouts(token).values().stream().filter(n -> n > 1).count();
    }

    /** Updates never confirmed, and updates asked for again after their confirmation (a poller going back). */
    String confirmation() {
        return "pending " + telegram.pending(token).size() + ", asked again after confirmation "
                + telegram.handoutsAfterConfirmation(token).size();
    }

    private Optional<Long> holderPid() {
        return ingresses.holderPid(lease());
    }

    private String lease() {
        return "telegram:" + connectionId;
    }

    /** Stops the second ingress, so later scenarios run on the usual single instance. */
    @Override
    public void close() {
        ingresses.close();
    }
}
