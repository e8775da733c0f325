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

    /**
     * The share of a per-minute limit a tenant (or key) may spend at once when its minute starts; the rest comes
     * evenly over the minute, so a client that sends far over its limit gets its minute's messages spread out, not in
     * one burst that crowds other tenants (docs/limits.md, "Pacing"). 1 turns pacing off.
     */
    @WithDefault("0.2")
    double burstFraction();

    /** Below this many messages a per-minute limit is never paced: small limits keep their whole minute at once. */
    @WithDefault("10")
    int minBurst();

    /** Counter windows are kept this long after they started (longer than the longest window, a day). */
    @WithDefault("2d")
    Duration windowRetention();
}
