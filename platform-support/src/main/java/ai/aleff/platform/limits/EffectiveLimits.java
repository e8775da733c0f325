package ai.aleff.platform.limits;

/**
 * The limits that apply to one tenant: its overrides where it has them, the platform's defaults elsewhere.
 *
 * @param tokensPerDay the daily token quota; null when there is none
 * @param tokensPerMonth the monthly token quota; null when there is none
 */
public record EffectiveLimits(int messagesPerMinute, int messagesPerMinutePerKey, int concurrentStreams,
        int conversationsPerDay, Long tokensPerDay, Long tokensPerMonth) {
}
