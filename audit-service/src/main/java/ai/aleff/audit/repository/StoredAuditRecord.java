package ai.aleff.audit.repository;

import java.time.Instant;

/** One audit row as a tenant sees it. */
public record StoredAuditRecord(String recordId, String service, String action, String subjectId, String detail,
        Instant occurredAt) {
}
