package ai.aleff.tenant.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One administrative change of a tenant: who, what, before and after. Written once, never changed. */
@Entity
@Table(name = "admin_audit", schema = "tenant")
public class AdminAuditEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "record_id", nullable = false)
    public UUID recordId;

    /** The tenant changed; null for a platform change (a template). */
    @Column(name = "tenant_id")
    public UUID tenantId;

    /** The subject of the credential that made the change. */
    @Column(nullable = false, length = 300)
    public String actor;

    @Column(nullable = false, length = 100)
    public String action;

    @Column(name = "subject_id", nullable = false, length = 100)
    public String subjectId;

    /** JSON of the state before, secrets never in it; null for a creation. */
    @Column(columnDefinition = "text")
    public String before;

    /** JSON of the state after; null for a deletion of the subject. */
    @Column(columnDefinition = "text")
    public String after;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;
}
