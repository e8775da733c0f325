package ai.aleff.ingress.slack;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Slack Socket Mode (docs/channels.md, "Socket Mode"): one WebSocket per ACTIVE {@code SOCKET_MODE} connection, held
 * by whichever ingress instance holds the connection's lease {@code slack-socket:<connectionId>}.
 */
@ConfigMapping(prefix = "aleff.channels.slack.socket-mode")
public interface SlackSocketSettings {

    /** Whether this instance takes part in Socket Mode at all (off: it never takes a lease, opens no socket). */
    @WithDefault("true")
    boolean enabled();

    /** How long a lease lasts without renewal: a dead holder's socket moves on after about this long. */
    @WithDefault("15s")
    Duration leaseTtl();

    /** How often the holder renews its lease; at most a third of {@link #leaseTtl()}. */
    @WithDefault("5s")
    Duration leaseRenewInterval();

    /** How often an instance not holding a connection's lease tries to take it. */
    @WithDefault("5s")
    Duration acquireInterval();

    /** How often the set of Socket Mode connections is read again (new, paused, deleted, changed connections). */
    @WithDefault("5s")
    Duration registryInterval();

    /** Connect and answer timeout of {@code apps.connections.open}, and connect timeout of the WebSocket. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** How long a new socket may take to say {@code hello} before it counts as failed. */
    @WithDefault("10s")
    Duration helloTimeout();

    /**
     * How often the holder pings the socket; nothing heard (no frame, no pong) for two intervals makes it a dead
     * ("zombie") socket that is replaced.
     */
    @WithDefault("30s")
    Duration pingInterval();

    /** The first wait after a failed open or an unexpected close; doubles (with jitter) up to the maximum. */
    @WithDefault("1s")
    Duration errorBackoff();

    /** The longest wait after failures in a row. */
    @WithDefault("60s")
    Duration maxErrorBackoff();

    /**
     * How long handing one event to the intake (Kafka acknowledgement included) may take; past it the envelope is
     * not acknowledged and Slack delivers it again (the dedupe on event_id makes that harmless).
     */
    @WithDefault("10s")
    Duration intakeTimeout();
}
