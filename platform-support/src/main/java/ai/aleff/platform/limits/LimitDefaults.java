package ai.aleff.platform.limits;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import ai.aleff.contracts.events.TenantLimits;

/**
 * The platform's default limits, for every tenant that has no override of its own. Read by tenant-service (to show
 * a tenant its effective limits), channel-ingress (to enforce the rate limits) and the agent worker (to enforce the
 * token quotas): set the same {@code aleff.limits.*} values on all three.
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

    /**
     * Model tokens (input and output) one tenant's turns may use per UTC day, enforced by the agent worker. Unset
     * (the default): no daily quota. Set it on the agent worker (which enforces it) and on tenant-service (which
     * shows it).
     */
    Optional<Long> tokensPerDay();

    /** Model tokens one tenant's turns may use per calendar month (UTC). Unset (the default): no monthly quota. */
    Optional<Long> tokensPerMonth();

    /** The limits that apply to a tenant: its overrides, else these defaults. */
    default EffectiveLimits effective(TenantLimits overrides) {
        TenantLimits own = overrides == null ? TenantLimits.platformDefaults() : overrides;
        return new EffectiveLimits(or(own.messagesPerMinute(), messagesPerMinute()),
                or(own.messagesPerMinutePerKey(), messagesPerMinutePerKey()),
                or(own.concurrentStreams(), concurrentStreams()),
                or(own.conversationsPerDay(), conversationsPerDay()),
                own.tokensPerDay() != null ? own.tokensPerDay() : tokensPerDay().orElse(null),
                own.tokensPerMonth() != null ? own.tokensPerMonth() : tokensPerMonth().orElse(null));
    }

    private static int or(Integer own, int fallback) {
        return own == null ? fallback : own;
    }
}
