package ai.aleff.tenant.repository;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.TenantConfigurationChanged;

/** Tenants in the {@code tenant} schema. */
@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<TenantEntity, UUID> {

    /** The ids of at most {@code limit} tenants, deleted ones too, in id order after {@code afterId}. */
    public Uni<List<UUID>> idsAfter(UUID afterId, int limit) {
        return find("id > ?1 order by id", afterId).page(Page.ofSize(limit))
                .list()
                .map(rows -> rows.stream().map(row -> row.id).toList());
    }

    /**
     * At most {@code limit} tenants that are not deleted, oldest first, after the position (createdAt, id) of the
     * last one of the previous page (both null for the first page); only {@code onlyId} when it is not null.
     */
    public Uni<List<TenantEntity>> page(Instant afterCreatedAt, UUID afterId, UUID onlyId, int limit) {
        StringBuilder where = new StringBuilder("status <> :deleted");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("deleted", TenantConfigurationChanged.Status.DELETED);
        if (afterCreatedAt != null) {
            where.append(" and (createdAt > :createdAt or (createdAt = :createdAt and id > :id))");
            parameters.put("createdAt", afterCreatedAt);
            parameters.put("id", afterId);
        }
        if (onlyId != null) {
            where.append(" and id = :only");
            parameters.put("only", onlyId);
        }
        return find(where + " order by createdAt, id", parameters).page(Page.ofSize(limit)).list();
    }
}
