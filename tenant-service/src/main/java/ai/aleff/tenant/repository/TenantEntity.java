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

/** A tenant row. The API key itself is never stored, only its hash. */
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

    @Column(name = "api_key_hash", nullable = false, length = 64)
    public String apiKeyHash;

    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The current assistant configuration version; null while the platform defaults apply. */
    @Column(name = "assistant_version")
    public Long assistantVersion;

    /** A new, active tenant at its first configuration version. */
    public static TenantEntity newActive(UUID id, String name, String apiKeyHash, Instant createdAt) {
        TenantEntity tenant = new TenantEntity();
        tenant.id = id;
        tenant.name = name;
        tenant.status = TenantConfigurationChanged.Status.ACTIVE;
        tenant.apiKeyHash = apiKeyHash;
        tenant.version = 1;
        tenant.createdAt = createdAt;
        return tenant;
    }
}
