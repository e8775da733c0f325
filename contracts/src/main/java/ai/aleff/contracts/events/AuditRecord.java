package ai.aleff.contracts.events;

import java.time.Instant;

/**
 * One step of the platform's work, recorded for the tenant: append-only, queryable by conversation.
 *
 * @param recordId unique id; the CloudEvent id, so a redelivered record is stored once
 * @param tenantId owning tenant
 * @param conversationId conversation the step belongs to, or null for tenant-level steps
 * @param service the service that did the step, e.g. {@code agent-worker}
 * @param action what happened, e.g. {@code message.accepted}, {@code tool.completed}
 * @param subjectId the id of the thing acted on (message, call, reply, tenant)
 * @param detail short human-readable detail; never a secret
 * @param occurredAt when the step happened
 */
public record AuditRecord(String recordId, String tenantId, String conversationId, String service, String action,
        String subjectId, String detail, Instant occurredAt) {
}
