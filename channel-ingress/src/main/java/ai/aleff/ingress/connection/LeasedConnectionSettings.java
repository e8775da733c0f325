package ai.aleff.ingress.connection;

import java.time.Duration;

import io.smallrye.config.WithDefault;

/**
 * The settings every single-holder connection loop shares (Telegram polling, Slack Socket Mode, later Discord
 * Gateway): extended by each loop's own {@code @ConfigMapping}, so the keys stay below that loop's prefix.
 */
public interface LeasedConnectionSettings {

    /** Whether this instance takes part at all (off: it never takes a lease, so it polls or opens nothing). */
    @WithDefault("true")
    boolean enabled();

    /** How long a lease lasts without renewal: a dead holder's connection moves on after about this long. */
    @WithDefault("15s")
    Duration leaseTtl();

    /** How often the holder renews its lease; at most a third of {@link #leaseTtl()}. */
    @WithDefault("5s")
    Duration leaseRenewInterval();

    /** How often an instance not holding a connection's lease tries to take it. */
    @WithDefault("5s")
    Duration acquireInterval();

    /** How often the set of connections is read again (new, paused, deleted, changed connections). */
    @WithDefault("5s")
    Duration registryInterval();

    /** The first wait after a failure; doubles (with jitter) up to the maximum. */
    @WithDefault("1s")
    Duration errorBackoff();

    /** The longest wait after failures in a row. */
    @WithDefault("60s")
    Duration maxErrorBackoff();
}
