package ai.aleff.contracts.events;

/**
 * A tenant's own limits at ingress, each overriding the platform's default ({@code aleff.limits.*}); a null field
 * means the platform default applies. Overrides rather than effective values travel, so an operator who changes a
 * default changes it for every tenant without republishing them.
 *
 * @param messagesPerMinute messages the tenant may post per minute, over all its keys
 * @param messagesPerMinutePerKey messages one API key may post per minute
 * @param concurrentStreams event streams (SSE) the tenant may hold open at once
 * @param conversationsPerDay new conversations the tenant may start per day (UTC)
 * @param tokensPerDay model tokens (input and output) the tenant's turns may use per day (UTC), enforced by the
 *        agent worker
 * @param tokensPerMonth model tokens the tenant's turns may use per calendar month (UTC)
 */
public record TenantLimits(Integer messagesPerMinute, Integer messagesPerMinutePerKey, Integer concurrentStreams,
        Integer conversationsPerDay, Long tokensPerDay, Long tokensPerMonth) {

    /** The largest value any rate limit may have (a bound, not a hint: larger values are refused). */
    public static final int MAX_VALUE = 1_000_000;

    /** The largest token quota (10^12 tokens); larger values are refused. */
    public static final long MAX_TOKENS = 1_000_000_000_000L;

    /** Rate limits only; the token quotas are the platform's defaults. */
    public TenantLimits(Integer messagesPerMinute, Integer messagesPerMinutePerKey, Integer concurrentStreams,
            Integer conversationsPerDay) {
        this(messagesPerMinute, messagesPerMinutePerKey, concurrentStreams, conversationsPerDay, null, null);
    }

    /** No override: every limit is the platform's default. */
    public static TenantLimits platformDefaults() {
        return new TenantLimits(null, null, null, null, null, null);
    }
}
