package ai.aleff.contracts.events;

import java.time.Instant;

/**
 * A tenant has used up one of its token quotas: the agent worker calls no model for the tenant until the period ends
 * (or the quota is raised), and tells each refused user so. Published once per quota and period, by the turn that
 * was first refused.
 *
 * @param eventId {@code quota:<tenantId>:<quota>:<periodStart>}; also the CloudEvent id, so consumers deduplicate on it
 * @param tenantId the tenant whose quota is spent
 * @param quota {@code tokens-per-day} or {@code tokens-per-month}
 * @param limit the quota, in tokens
 * @param used tokens the tenant's model calls used in the period when the turn was refused
 * @param periodStart start of the quota's period (UTC day or month)
 * @param resetsAt when the next period starts and the quota is available again
 * @param conversationId conversation of the first refused turn
 * @param turnId the first refused turn (its inbound message id)
 * @param occurredAt when the turn was refused
 */
public record QuotaExhausted(String eventId, String tenantId, String quota, long limit, long used,
        Instant periodStart, Instant resetsAt, String conversationId, String turnId, Instant occurredAt) {
}
