package ai.aleff.audit.service;

import java.time.Instant;

import ai.aleff.audit.repository.StoredAuditRecord;

/** One step the platform took in a conversation, as the service hands it to a tenant. */
public record AuditEntry(String recordId, String service, String action, String subjectId, String detail,
        Instant occurredAt) {

    static AuditEntry of(StoredAuditRecord r) {
        return new AuditEntry(r.recordId(), r.service(), r.action(), r.subjectId(), r.detail(), r.occurredAt());
    }
}
