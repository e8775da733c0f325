package ai.aleff.platform.limits;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import ai.aleff.contracts.events.TenantLimits;

/**
 * The platform's default limits at ingress, for every tenant that has no override of its own. Read by
 * tenant-service (to show a tenant its effective limits) and by channel-ingress (to enforce them): set the same
 * {@code aleff.limits.*} values on both.
 */
@ConfigMapping(prefix = "aleff.limits")
public interface LimitDefaults {

    /** Messages one tenant may post per minute, over all its API keys. */
    @WithDefault("600")
    int messagesPerMinute();

    /** Messages one API key may post per minute. */
    @WithDefault("300")
    int messagesPerMinutePerKey();

    /** Event streams (SSE) one tenant may hold open at once, over every ingress instance. */
    @WithDefault("100")
    int concurrentStreams();

    /** New conversations one tenant may start per day (UTC). */
    @WithDefault("10000")
    int conversationsPerDay();

    /** The limits that apply to a tenant: its overrides, else these defaults. */
    default EffectiveLimits effective(TenantLimits overrides) {
        TenantLimits own = overrides == null ? TenantLimits.platformDefaults() : overrides;
        return new EffectiveLimits(or(own.messagesPerMinute(), messagesPerMinute()),
                or(own.messagesPerMinutePerKey(), messagesPerMinutePerKey()),
                or(own.concurrentStreams(), concurrentStreams()),
                or(own.conversationsPerDay(), conversationsPerDay()));
    }

    private static int or(Integer own, int fallback) {
        return own == null ? fallback : own;
    }
}
