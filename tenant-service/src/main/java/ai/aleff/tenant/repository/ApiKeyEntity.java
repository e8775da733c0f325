package ai.aleff.tenant.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One API key of a tenant: its hash, never the key. */
@Entity
@Table(name = "api_keys", schema = "tenant")
public class ApiKeyEntity {

    @Id
    public UUID id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    @Column(nullable = false, length = 100)
    public String name;

    /** The key's first characters, to recognise it; null for keys made before keys were managed. */
    @Column(length = 16)
    public String prefix;

    @Column(name = "key_hash", nullable = false, length = 64)
    public String keyHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** From this instant the key is refused (the end of a rotation's overlap window); null: no expiry. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** The key that replaced this one in a rotation. */
    @Column(name = "rotated_to")
    public UUID rotatedTo;

    /** Whether the key authenticates at {@code now}. */
    /** Written only by {@link ApiKeyUsageRepository} (the services' reports), never by Hibernate. */
    @Column(name = "last_used_at", insertable = false, updatable = false)
    public Instant lastUsedAt;

    public boolean validAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    public static ApiKeyEntity of(UUID tenantId, String name, String prefix, String keyHash, Instant createdAt) {
        ApiKeyEntity key = new ApiKeyEntity();
        key.id = UUID.randomUUID();
        key.tenantId = tenantId;
        key.name = name;
        key.prefix = prefix;
        key.keyHash = keyHash;
        key.createdAt = createdAt;
        return key;
    }
}
