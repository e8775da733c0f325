package ai.aleff.ingress.limits;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How ingress keeps its limits' state (the limits themselves: {@code aleff.limits.*} and each tenant's own). */
@ConfigMapping(prefix = "aleff.ingress.limits")
public interface RateLimitSettings {

    /** How long an open stream's lease lasts unless renewed: a dead instance's streams free their places after it. */
    @WithDefault("30s")
    Duration streamLeaseTtl();

    /** How often an instance renews the leases of its open streams (well below the lease's lifetime). */
    @WithDefault("10s")
    Duration streamLeaseRenewInterval();

    /** The Retry-After of a stream refused because the tenant holds its limit of open streams. */
    @WithDefault("10s")
    Duration streamRetryAfter();

    /** How often old counter windows and expired leases are deleted. */
    @WithDefault("10m")
    Duration purgeInterval();

    /** Counter windows are kept this long after they started (longer than the longest window, a day). */
    @WithDefault("2d")
    Duration windowRetention();
}
