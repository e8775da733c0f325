package ai.aleff.tools.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import ai.aleff.platform.database.RowScope;
import ai.aleff.platform.tenancy.TenantEraser;
import ai.aleff.tools.repository.TenantRowsRepository;

/**
 * tool-executor's part of deleting a tenant: its users' memory facts and fact counters and its tool-call records
 * (claims and stored outcomes), in one transaction of the tenant's own row scope. Runs for every deleted tenant each
 * time the tenant directory (slim: status only) reads the configuration topic, so a deletion missed while this
 * instance was down is done at its next start; deleting what is already gone does nothing.
 */
@ApplicationScoped
public class TenantErasure implements TenantEraser {

    private final Pool pool;
    private final TenantRowsRepository rows;

    public TenantErasure(Pool pool, TenantRowsRepository rows) {
        this.pool = pool;
        this.rows = rows;
    }

    @Override
    public Uni<Integer> erase(String tenantId) {
        return RowScope.inTenant(pool, tenantId, tx -> rows.deleteTenant(tx, tenantId));
    }
}
