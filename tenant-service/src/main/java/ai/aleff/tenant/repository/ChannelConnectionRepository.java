package ai.aleff.tenant.repository;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Channel connections; every query names the tenant (row-level security is the second line). */
@ApplicationScoped
public class ChannelConnectionRepository implements PanacheRepositoryBase<ChannelConnectionEntity, String> {

    /** The tenant's connections, oldest first. */
    public Uni<List<ChannelConnectionEntity>> ofTenant(UUID tenantId) {
        return list("tenantId = ?1 order by createdAt, connectionId", tenantId);
    }

    /** The tenant's connection with this id, or null (another tenant's connection is not found either). */
    public Uni<ChannelConnectionEntity> find(UUID tenantId, String connectionId) {
        return find("tenantId = ?1 and connectionId = ?2", tenantId, connectionId).firstResult();
    }

    public Uni<Long> countOfTenant(UUID tenantId) {
        return count("tenantId", tenantId);
    }
}
