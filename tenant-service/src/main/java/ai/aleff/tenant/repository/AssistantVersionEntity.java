package ai.aleff.tenant.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One version of a tenant's assistant configuration. Written once; only the secret re-encryption pass rewrites its
 * encrypted keys (same plain text, new platform key or binding), never anything else.
 */
@Entity
@Table(name = "assistant_versions", schema = "tenant")
public class AssistantVersionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "tenant_id", nullable = false)
    public UUID tenantId;

    /** 1, 2, 3... per tenant. */
    @Column(nullable = false)
    public long version;

    /** The AssistantConfiguration JSON as published: API keys only encrypted. */
    @Column(nullable = false, columnDefinition = "text")
    public String configuration;

    /** One line for the version list; never holds a secret. */
    @Column(nullable = false, length = 500)
    public String summary;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;
}
