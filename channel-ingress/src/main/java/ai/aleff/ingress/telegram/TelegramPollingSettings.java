package ai.aleff.ingress.telegram;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Telegram long polling (docs/channels.md, "Long polling"): one {@code getUpdates} loop per ACTIVE POLLING connection,
 * run by whichever ingress instance holds the connection's lease.
 */
@ConfigMapping(prefix = "aleff.channels.telegram.polling")
public interface TelegramPollingSettings {

    /** Whether this instance takes part in polling at all (off: it never takes a lease). */
    @WithDefault("true")
    boolean enabled();

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

    /** How long a lease lasts without renewal: a dead holder's connection moves on after about this long. */
    @WithDefault("15s")
    Duration leaseTtl();

    /** How often the holder renews its lease; at most a third of {@link #leaseTtl()}. */
    @WithDefault("5s")
    Duration leaseRenewInterval();

    /** How often an instance not holding a connection's lease tries to take it. */
    @WithDefault("5s")
    Duration acquireInterval();

    /** How often the set of connections to poll is read again (new, paused, deleted, changed connections). */
    @WithDefault("5s")
    Duration registryInterval();

    /** The wait after a 409 (webhook set, or another poller on the token) before trying again. */
    @WithDefault("60s")
    Duration conflictBackoff();

    /** The first wait after a network error or an unexpected answer; doubles (with jitter) up to the maximum. */
    @WithDefault("1s")
    Duration errorBackoff();

    /** The longest wait after errors in a row. */
    @WithDefault("60s")
    Duration maxErrorBackoff();

    /** How long handing one update to the intake (Kafka acknowledgement included) may take before the batch is retried. */
    @WithDefault("30s")
    Duration intakeTimeout();
}
