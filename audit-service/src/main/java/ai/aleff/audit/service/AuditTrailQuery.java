package ai.aleff.audit.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.audit.repository.AuditRecordRepository;

/** Reads a tenant's audit trail; the caller passes the authenticated tenant, never one a request names. */
@ApplicationScoped
public class AuditTrailQuery {

    private final AuditRecordRepository repository;

    public AuditTrailQuery(AuditRecordRepository repository) {
        this.repository = repository;
    }

    /** The tenant's records of one conversation, oldest first, at most {@code limit} of them. */
    public Uni<List<AuditEntry>> conversation(String tenantId, String conversationId, int limit) {
        return repository.findByConversation(tenantId, conversationId, limit)
                .map(rows -> rows.stream().map(AuditEntry::of).toList());
    }
}
