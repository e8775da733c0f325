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
     */
    public record Counter(String name, String subject, String unit, int limit, boolean perConversation) {
    }
}
