package ai.aleff.tenant.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A tenant template: a name and an assistant configuration without secrets (JSON). */
@Entity
@Table(name = "tenant_templates", schema = "tenant")
public class TemplateEntity {

    @Id
    public UUID id;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(length = 1000)
    public String description;

    /** JSON of a {@code PortableAssistant}. */
    @Column(nullable = false, columnDefinition = "text")
    public String assistant;

    /** JSON of the {@code TenantLimits} a tenant made from it gets; null: the platform defaults. */
    @Column(columnDefinition = "text")
    public String limits;

    /** 1 when created, + 1 per update; the ETag. */
    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
