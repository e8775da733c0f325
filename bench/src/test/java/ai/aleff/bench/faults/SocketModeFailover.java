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
import ai.aleff.testkit.channels.SlackSocketModeServer;

/**
 * A Slack app in Socket Mode served by two channel-ingress processes ({@link IngressPair}):
 * exactly one holds the app's lease {@code slack-socket:<connectionId>} and has a socket open at the emulated Slack;
 * {@link #killHolder} kills that one with SIGKILL (its socket dies with its TCP connection), and the other must take
 * over: open a socket of its own, to which the unacknowledged envelopes are delivered again. Takeover time and
 * overlapping sockets are read at the emulator.
 */
final class SocketModeFailover implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SlackSocketModeServer sockets;
    private final String appToken;
    private final String connectionId;
    private final SocketModeTarget target;
    private final IngressPair ingresses;
    private Instant killedAt;

    private SocketModeFailover(SlackSocketModeServer sockets, String appToken, String connectionId,
            IngressPair ingresses, long tsSeconds) {
        this.sockets = sockets;
        this.appToken = appToken;
        this.connectionId = connectionId;
        this.ingresses = ingresses;
        this.target = new SocketModeTarget(sockets, appToken, tsSeconds);
    }

    /** Starts the second ingress, connects a Socket Mode app, and waits until one instance holds it with a socket. */
    static SocketModeFailover start(LocalPlatform platform, ChannelConnector connector, SlackSocketModeServer sockets,
            Progress progress, long tsSeconds) {
        IngressPair ingresses = IngressPair.start(platform, progress);
        String appToken = "xapp-1-A0BENCH01-" + UUID.randomUUID().toString().replace("-", "");
        ObjectNode body = JSON.createObjectNode().put("type", "SLACK").put("displayName", "Socket Mode app")
                .put("mode", "SOCKET_MODE");
        body.putObject("credentials").put("botToken", "xoxb-socket-" + UUID.randomUUID())
                .put("signingSecret", UUID.randomUUID().toString().replace("-", "")).put("appToken", appToken);
        String connectionId = connector.connect(body).path("connectionId").asText();
        SocketModeFailover failover = new SocketModeFailover(sockets, appToken, connectionId, ingresses,
                tsSeconds);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .until(() -> failover.holderPid().isPresent() && sockets.openSockets(appToken) > 0);
        progress.line("Socket Mode app connected (connection " + connectionId + "), lease held by pid "
                + failover.holderPid().orElseThrow());
        return failover;
    }

    SocketModeTarget target() {
        return target;
    }

    String connectionId() {
        return connectionId;
    }

    /** kill -9 of the instance holding the app's lease. */
    void killHolder() {
        ingresses.killHolder(lease());
        killedAt = Instant.now();
    }

    /** Starts the killed instance again (it becomes the standby), and returns once it is ready. */
    void restartKilled() {
        ingresses.restartKilled();
    }

    /** From the kill to the survivor's next socket URL (its apps.connections.open); empty if none. */
    Optional<Duration> takeover() {
        if (killedAt == null) {
            return Optional.empty();
        }
        return sockets.tickets(appToken).stream().filter(t -> t.isAfter(killedAt)).findFirst()
                .map(t -> Duration.between(killedAt, t));
    }

    /** The most sockets of the app open at once (1: never two holders). */
    int maxOpenAtOnce() {
        return sockets.maxOpenAtOnce(appToken);
    }

    /** The emulator's figures: sockets opened, envelopes delivered again, envelopes still unacknowledged. */
    String figures() {
        return sockets.socketsOpened(appToken) + " sockets opened, at most " + maxOpenAtOnce() + " at once, "
                + target.redeliveries() + " envelopes delivered again, " + target.unacknowledged()
                + " unacknowledged at the end";
    }

    private Optional<Long> holderPid() {
        return ingresses.holderPid(lease());
    }

    private String lease() {
        return "slack-socket:" + connectionId;
    }

    /** Stops the second ingress and the redelivery, so later scenarios run on the usual single instance. */
    @Override
    public void close() {
        target.close();
        ingresses.close();
    }
}
