package ai.aleff.ingress.slack;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import ai.aleff.ingress.connection.LeasedConnectionSettings;

/**
 * Slack Socket Mode (docs/channels.md, "Socket Mode"): one WebSocket per ACTIVE {@code SOCKET_MODE} connection, held
 * by whichever ingress instance holds the connection's lease {@code slack-socket:<connectionId>}.
 */
@ConfigMapping(prefix = "aleff.channels.slack.socket-mode")
public interface SlackSocketSettings extends LeasedConnectionSettings {

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

    /**
     * How long handing one event to the intake (Kafka acknowledgement included) may take; past it the envelope is
     * not acknowledged and Slack delivers it again (the dedupe on event_id makes that harmless).
     */
    @WithDefault("10s")
    Duration intakeTimeout();

    /**
     * Envelopes of one connection handed to the intake at once; each is acknowledged when its own intake completed, in
     * any order, so one slow Kafka publish does not hold back the others' acknowledgements (Slack redelivers after
     * 3 s). When all are busy the socket is read no further until one is free, and at most this many read envelopes
     * wait: memory stays bounded whatever Slack sends.
     */
    @WithDefault("16")
    int intakeConcurrency();
}
