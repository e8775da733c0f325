package ai.aleff.tenant.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;

/** The administrative audit, read per tenant, newest first. */
@ApplicationScoped
public class AdminAuditRepository implements PanacheRepositoryBase<AdminAuditEntity, Long> {

    /** At most {@code limit} records of the tenant older than {@code beforeId} (null: from the newest). */
    public Uni<List<AdminAuditEntity>> page(UUID tenantId, Long beforeId, int limit) {
        var query = beforeId == null
                ? find("tenantId = ?1 order by id desc", tenantId)
                : find("tenantId = ?1 and id < ?2 order by id desc", tenantId, beforeId);
        return query.page(Page.ofSize(limit)).list();
    }
}
