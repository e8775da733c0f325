package ai.aleff.ingress.telegram;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import ai.aleff.ingress.connection.LeasedConnectionSettings;

/**
 * Telegram long polling (docs/channels.md, "Long polling"): one {@code getUpdates} loop per ACTIVE POLLING connection,
 * run by whichever ingress instance holds the connection's lease.
 */
@ConfigMapping(prefix = "aleff.channels.telegram.polling")
public interface TelegramPollingSettings extends LeasedConnectionSettings {

    /** How long one getUpdates call waits for an update (Telegram's {@code timeout}, whole seconds). */
    @WithDefault("25s")
    Duration timeout();

    /** How much longer than {@link #timeout()} the HTTP client waits for Telegram's answer. */
    @WithDefault("10s")
    Duration requestTimeoutMargin();

    /** TCP connect timeout of the HTTP client. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** Updates per getUpdates call (1-100). */
    @WithDefault("100")
    int limit();

    /** The update types asked for ({@code allowed_updates}); the normaliser handles these two. */
    @WithDefault("message,edited_message")
    List<String> allowedUpdates();

    /** The wait after a 409 (webhook set, or another poller on the token) before trying again. */
    @WithDefault("60s")
    Duration conflictBackoff();

    /** How long handing one update to the intake (Kafka acknowledgement included) may take before the batch is retried. */
    @WithDefault("30s")
    Duration intakeTimeout();
}
