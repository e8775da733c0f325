package ai.aleff.bench.faults;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.aleff.deploy.LocalPlatform;
import ai.aleff.deploy.PlatformService;
import ai.aleff.deploy.Progress;
import ai.aleff.testkit.channels.TelegramConnectApi;
import ai.aleff.testkit.channels.TelegramPollingApi;

/**
 * A Telegram bot in POLLING mode served by two channel-ingress processes (the platform's and a {@link SecondIngress}):
 * exactly one holds the bot's lease and long-polls; {@link #killHolder} kills that one with SIGKILL, and the other
 * must take over from the stored offset. Takeover time and overlapping polls (409s) are read at the emulated Bot API.
 */
final class PollingFailover implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalPlatform platform;
    private final TelegramPollingApi telegram;
    private final Progress progress;
    private final String token;
    private final String connectionId;
    private SecondIngress second;
    private Instant killedAt;
    private boolean killedPlatformsIngress;

    private PollingFailover(LocalPlatform platform, TelegramPollingApi telegram, Progress progress, String token,
            String connectionId, SecondIngress second) {
        this.platform = platform;
        this.telegram = telegram;
        this.progress = progress;
        this.token = token;
        this.connectionId = connectionId;
        this.second = second;
    }

    /** Starts the second ingress, connects a polling bot, and waits until one instance holds it and polls. */
    static PollingFailover start(LocalPlatform platform, ChannelConnector connector, TelegramConnectApi connect,
            TelegramPollingApi telegram, Progress progress) {
        SecondIngress second = SecondIngress.start(platform);
        progress.line("second channel-ingress ready (pid " + second.pid() + ")");
        long botId = 6_000_000_000L + Math.floorMod(UUID.randomUUID().hashCode(), 1_000_000);
        String token = botId + ":AAP" + UUID.randomUUID().toString().replace("-", "");
        connect.bot(token, botId, "polling_" + botId + "_bot");
        telegram.addBot(token);
        ObjectNode body = JSON.createObjectNode().put("type", "TELEGRAM").put("displayName", "Polling bot")
                .put("mode", "POLLING");
        body.putObject("credentials").put("botToken", token);
        String connectionId = connector.connect(body).path("connectionId").asText();
        PollingFailover failover = new PollingFailover(platform, telegram, progress, token, connectionId, second);
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
        long holder = holderPid().orElseThrow(() -> new IllegalStateException("nobody holds the polling lease"));
        killedPlatformsIngress = platform.service(PlatformService.CHANNEL_INGRESS)
                .map(node -> node.process().pid() == holder).orElse(false);
        if (killedPlatformsIngress) {
            platform.killService(PlatformService.CHANNEL_INGRESS);
        } else if (second.pid() == holder) {
            second.kill();
            progress.line("second channel-ingress killed (pid " + holder + ")");
        } else {
            throw new IllegalStateException("the lease holder pid " + holder + " is neither channel-ingress");
        }
        killedAt = Instant.now();
        telegram.cutWaitingPolls(token);
    }

    /** Starts the killed instance again (it becomes the standby), and returns once it is ready. */
    void restartKilled() {
        if (killedPlatformsIngress) {
            platform.restartService(PlatformService.CHANNEL_INGRESS);
        } else {
            second = SecondIngress.start(platform);
            progress.line("second channel-ingress ready again (pid " + second.pid() + ")");
        }
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

    private Optional<Long> holderPid() throws IllegalStateException {
        try (Connection db = platform.postgres().connect();
                PreparedStatement query = db.prepareStatement("SELECT holder FROM ingress.channel_lease "
                        + "WHERE name = ? AND expires_at > now()")) {
            query.setString(1, "telegram:" + connectionId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(Long.parseLong(row.getString(1).split("@", 2)[0])) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the second ingress, so later scenarios run on the usual single instance. */
    @Override
    public void close() {
        if (second != null && second.alive()) {
            second.close();
        }
    }
}
