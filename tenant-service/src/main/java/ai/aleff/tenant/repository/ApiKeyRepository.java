package ai.aleff.tenant.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** API keys; every query is scoped by tenant. */
@ApplicationScoped
public class ApiKeyRepository implements PanacheRepositoryBase<ApiKeyEntity, UUID> {

    /** Every key the tenant ever had, newest first. */
    public Uni<List<ApiKeyEntity>> ofTenant(UUID tenantId) {
        return list("tenantId = ?1 order by createdAt desc, id", tenantId);
    }
}
