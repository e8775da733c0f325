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
import ai.aleff.testkit.channels.DiscordGatewayServer;

/**
 * A Discord bot in GATEWAY mode served by two channel-ingress processes (the platform's and a {@link SecondIngress}):
 * exactly one holds the bot's lease {@code discord-gateway:<connectionId>} and has a Gateway session at the emulated
 * Gateway; {@link #killHolder} kills that one with SIGKILL (its socket dies with its TCP connection), and the other
 * must take over: RESUME the stored session, so that the emulator replays what came after the last handled message.
 * Takeover time, IDENTIFYs, RESUMEs and overlapping sockets are read at the emulator.
 */
final class GatewayFailover implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalPlatform platform;
    private final DiscordGatewayServer gateway;
    private final Progress progress;
    private final String botToken;
    private final String connectionId;
    private final DiscordGatewayTarget target;
    private SecondIngress second;
    private Instant killedAt;
    private boolean killedPlatformsIngress;

    private GatewayFailover(LocalPlatform platform, DiscordGatewayServer gateway, Progress progress, String botToken,
            String connectionId, SecondIngress second) {
        this.platform = platform;
        this.gateway = gateway;
        this.progress = progress;
        this.botToken = botToken;
        this.connectionId = connectionId;
        this.second = second;
        this.target = new DiscordGatewayTarget(gateway, botToken);
    }

    /** Starts the second ingress, connects a Gateway bot, and waits until one instance holds its session. */
    static GatewayFailover start(LocalPlatform platform, ChannelConnector connector, DiscordGatewayServer gateway,
            Progress progress) {
        SecondIngress second = SecondIngress.start(platform);
        progress.line("second channel-ingress ready (pid " + second.pid() + ")");
        String botToken = "MTE3MDAwMDAwMDAwMDAwMDAwMQ.GabCdE." + UUID.randomUUID().toString().replace("-", "");
        ObjectNode body = JSON.createObjectNode().put("type", "DISCORD").put("displayName", "Gateway bot")
                .put("mode", "GATEWAY");
        body.putObject("credentials").put("botToken", botToken).put("applicationId", "1170000000000000000");
        String connectionId = connector.connect(body).path("connectionId").asText();
        GatewayFailover failover = new GatewayFailover(platform, gateway, progress, botToken, connectionId, second);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> failover.holderPid().isPresent() && gateway.openSockets(botToken) > 0
                        && gateway.sessionId(botToken) != null);
        progress.line("Discord Gateway bot connected (connection " + connectionId + "), lease held by pid "
                + failover.holderPid().orElseThrow());
        return failover;
    }

    DiscordGatewayTarget target() {
        return target;
    }

    String connectionId() {
        return connectionId;
    }

    /** kill -9 of the instance holding the bot's lease. */
    void killHolder() {
        long holder = holderPid().orElseThrow(() -> new IllegalStateException("nobody holds the gateway lease"));
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

    /** From the kill to the survivor's first RESUME; empty if none. */
    Optional<Duration> takeover() {
        if (killedAt == null) {
            return Optional.empty();
        }
        return gateway.resumes(botToken).stream().filter(r -> r.at().isAfter(killedAt)).findFirst()
                .map(r -> Duration.between(killedAt, r.at()));
    }

    /** The emulator's figures: IDENTIFYs and RESUMEs in all, the most sockets open at once. */
    String figures() {
        return gateway.identifies(botToken).size() + " IDENTIFY, " + gateway.resumes(botToken).size()
                + " RESUME, at most " + gateway.maxOpenAtOnce(botToken) + " socket(s) at once, last seq "
                + gateway.lastSeq(botToken);
    }

    private Optional<Long> holderPid() throws IllegalStateException {
        try (Connection db = platform.postgres().connect();
                PreparedStatement query = db.prepareStatement("SELECT holder FROM ingress.channel_lease "
                        + "WHERE name = ? AND expires_at > now()")) {
            query.setString(1, "discord-gateway:" + connectionId);
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
