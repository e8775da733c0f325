package ai.aleff.tenant.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;

/** Assistant configuration versions; every query is scoped by tenant. */
@ApplicationScoped
public class AssistantVersionRepository implements PanacheRepositoryBase<AssistantVersionEntity, Long> {

    public Uni<AssistantVersionEntity> findVersion(UUID tenantId, long version) {
        return find("tenantId = ?1 and version = ?2", tenantId, version).firstResult();
    }

    /** Every version of the tenant, oldest first (the re-encryption pass rewrites their keys). */
    public Uni<List<AssistantVersionEntity>> ofTenant(UUID tenantId) {
        return find("tenantId = ?1 order by version", tenantId).list();
    }

    /** Newest first, without the configurations themselves. */
    public Uni<List<AssistantVersionSummary>> summaries(UUID tenantId, int limit) {
        return find("tenantId = ?1 order by version desc", tenantId).project(AssistantVersionSummary.class)
                .page(Page.ofSize(limit))
                .list();
    }
}
