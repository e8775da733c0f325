package ai.aleff.ingress.discord.gateway;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import ai.aleff.ingress.connection.LeasedConnectionSettings;

/**
 * The Discord Gateway (docs/channels.md, "Discord Gateway"): one Gateway session per ACTIVE {@code GATEWAY}
 * connection, held by whichever ingress instance holds the connection's lease {@code discord-gateway:<connectionId>}.
 */
@ConfigMapping(prefix = "aleff.channels.discord.gateway")
public interface DiscordGatewaySettings extends LeasedConnectionSettings {

    /** Connect and answer timeout of {@code GET /gateway/bot}, and connect timeout of the WebSocket. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** How long a new socket may take from opening to READY (or RESUMED) before it counts as failed. */
    @WithDefault("20s")
    Duration readyTimeout();

    /**
     * How long handing one message to the intake (Kafka acknowledgement included) may take; past it the socket is
     * closed and the session RESUMEd from the last handled sequence number, so Discord sends the message again (the
     * dedupe on the message id makes that harmless).
     */
    @WithDefault("10s")
    Duration intakeTimeout();

    /**
     * The Gateway intents of IDENTIFY: GUILD_MESSAGES (1 << 9), DIRECT_MESSAGES (1 << 12) and MESSAGE_CONTENT
     * (1 << 15, a privileged intent the bot must have switched on in the Developer Portal).
     */
    @WithDefault("37376")
    long intents();

    /**
     * IDENTIFYs kept in reserve of Discord's daily budget (1,000 in 24 hours, after which Discord resets the token):
     * none is sent while Discord's {@code session_start_limit.remaining}, or the budget less this instance group's own
     * count of the last 24 hours, is at or below it. The loop then waits for {@code reset_after} and says so.
     */
    @WithDefault("50")
    int identifyReserve();

    /** Discord's window for the IDENTIFY budget. */
    @WithDefault("24h")
    Duration identifyWindow();

    /**
     * RESUMEs of one session tried in a row without a RESUMED; then the session is given up and a new one
     * IDENTIFYd, so a RESUME is never retried forever.
     */
    @WithDefault("3")
    int maxResumeAttempts();
}
