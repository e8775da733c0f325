package ai.aleff.audit.repository;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.platform.database.RowScope;

/**
 * Deleted tenants and the purge of their audit records after the retention. The service only marks a deletion (the
 * database dates it) and asks for the purge; {@code audit.purge_deleted_tenants} decides what may go and deletes with
 * its owner's privileges, which this service's role does not have.
 */
@ApplicationScoped
public class DeletedTenantRepository {

    private final Pool pool;

    public DeletedTenantRepository(Pool pool) {
        this.pool = pool;
    }

    /** Records that the tenant is deleted; the first time counts (the event is seen again at every start). */
    public Uni<Void> markDeleted(String tenantId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery(
                "INSERT INTO audit.deleted_tenant (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING")
                .execute(Tuple.of(tenantId))
                .replaceWithVoid());
    }

    /**
     * Purges the records of every tenant deleted longer than {@code retention} ago (the database's floor is 30
     * days); the number of records purged. Cross-tenant: the purge looks at every deleted tenant.
     */
    public Uni<Long> purge(Duration retention) {
        return RowScope.acrossTenants(pool, tx -> tx.preparedQuery(
                "SELECT audit.purge_deleted_tenants(make_interval(secs => $1))")
                .execute(Tuple.of((double) retention.toSeconds()))
                .map(rows -> rows.iterator().next().getLong(0)));
    }
}
