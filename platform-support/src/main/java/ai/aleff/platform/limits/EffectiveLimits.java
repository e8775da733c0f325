package ai.aleff.platform.limits;

/** The limits that apply to one tenant: its overrides where it has them, the platform's defaults elsewhere. */
public record EffectiveLimits(int messagesPerMinute, int messagesPerMinutePerKey, int concurrentStreams,
        int conversationsPerDay) {
}
