package ai.aleff.ingress.repository;

import java.util.List;

/**
 * One message to count against its tenant's limits.
 *
 * @param counters the limits to count it against, in order; the first one reached refuses it
 */
public record MessageHit(String tenantId, String conversationId, List<Counter> counters) {

    /**
     * One limit.
     *
     * @param name the limit's name, as the refusal tells it
     * @param subject whom it counts (the tenant id, an API key's hash)
     * @param unit the window: {@code minute} or {@code day} (UTC)
     * @param limit hits allowed in one window
     * @param perConversation counted only for a conversation the tenant has not started before
     * @param pace how the window's hits may come: all at once ({@link Pace#NONE}) or paced over the window
     */
    public record Counter(String name, String subject, String unit, int limit, boolean perConversation, Pace pace) {

        public Counter(String name, String subject, String unit, int limit, boolean perConversation) {
            this(name, subject, unit, limit, perConversation, Pace.NONE);
        }
    }

    /**
     * A window's hits allowed so far: {@code max(minBurst, ceil(limit × (burstFraction + elapsed / window)))}, at most
     * the limit. A fraction of 1 allows the whole limit at once.
     */
    public record Pace(double burstFraction, int minBurst) {

        public static final Pace NONE = new Pace(1.0, 0);
    }
}
