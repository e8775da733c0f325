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
import ai.aleff.testkit.channels.DiscordGatewayServer;

/**
 * A Discord bot in GATEWAY mode served by two channel-ingress processes ({@link IngressPair}):
 * exactly one holds the bot's lease {@code discord-gateway:<connectionId>} and has a Gateway session at the emulated
 * Gateway; {@link #killHolder} kills that one with SIGKILL (its socket dies with its TCP connection), and the other
 * must take over: RESUME the stored session, so that the emulator replays what came after the last handled message.
 * Takeover time, IDENTIFYs, RESUMEs and overlapping sockets are read at the emulator.
 */
final class GatewayFailover implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DiscordGatewayServer gateway;
    private final String botToken;
    private final String connectionId;
    private final DiscordGatewayTarget target;
    private final IngressPair ingresses;
    private Instant killedAt;

    private GatewayFailover(DiscordGatewayServer gateway, String botToken, String connectionId,
            IngressPair ingresses) {
        this.gateway = gateway;
        this.botToken = botToken;
        this.connectionId = connectionId;
        this.ingresses = ingresses;
        this.target = new DiscordGatewayTarget(gateway, botToken);
    }

    /** Starts the second ingress, connects a Gateway bot, and waits until one instance holds its session. */
    static GatewayFailover start(LocalPlatform platform, ChannelConnector connector, DiscordGatewayServer gateway,
            Progress progress) {
        IngressPair ingresses = IngressPair.start(platform, progress);
        String botToken = "MTE3MDAwMDAwMDAwMDAwMDAwMQ.GabCdE." + UUID.randomUUID().toString().replace("-", "");
        ObjectNode body = JSON.createObjectNode().put("type", "DISCORD").put("displayName", "Gateway bot")
                .put("mode", "GATEWAY");
        body.putObject("credentials").put("botToken", botToken).put("applicationId", "1170000000000000000");
        String connectionId = connector.connect(body).path("connectionId").asText();
        GatewayFailover failover = new GatewayFailover(gateway, botToken, connectionId, ingresses);
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
        ingresses.killHolder(lease());
        killedAt = Instant.now();
    }

    /** Starts the killed instance again (it becomes the standby), and returns once it is ready. */
    void restartKilled() {
        ingresses.restartKilled();
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

    private Optional<Long> holderPid() {
        return ingresses.holderPid(lease());
    }

    private String lease() {
        return "discord-gateway:" + connectionId;
    }

    /** Stops the second ingress, so later scenarios run on the usual single instance. */
    @Override
    public void close() {
        ingresses.close();
    }
}
