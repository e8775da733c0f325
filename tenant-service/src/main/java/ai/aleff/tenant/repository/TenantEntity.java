package ai.aleff.tenant.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import ai.aleff.contracts.events.TenantConfigurationChanged;

/** A tenant row. Its API keys are rows of their own ({@link ApiKeyEntity}). */
@Entity
@Table(name = "tenants", schema = "tenant")
public class TenantEntity {

    @Id
    public UUID id;

    @Column(nullable = false, length = 200)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public TenantConfigurationChanged.Status status;

    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The current assistant configuration version; null while the platform defaults apply. */
    @Column(name = "assistant_version")
    public Long assistantVersion;

    /** When the tenant was deleted; null while it exists. */
    @Column(name = "deleted_at")
    public Instant deletedAt;

    public boolean deleted() {
        return status == TenantConfigurationChanged.Status.DELETED;
    }

    /** A new, active tenant at its first configuration version. */
    public static TenantEntity newActive(UUID id, String name, Instant createdAt) {
        TenantEntity tenant = new TenantEntity();
        tenant.id = id;
        tenant.name = name;
        tenant.status = TenantConfigurationChanged.Status.ACTIVE;
        tenant.version = 1;
        tenant.createdAt = createdAt;
        return tenant;
    }
}
