package ai.aleff.agent.tenant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

import ai.aleff.agent.repository.TenantRowsRepository;
import ai.aleff.platform.database.RowScope;
import ai.aleff.platform.tenancy.TenantEraser;

/**
 * agent-worker's part of deleting a tenant: its turns, tool calls, history, sessions, summaries, usage and sent
 * outbox events, in one transaction of the tenant's own row scope. Runs for every deleted tenant each time the tenant
 * directory reads the configuration topic, so a deletion missed while this instance was down is done at its next
 * start; deleting what is already gone does nothing. The tenant's messages are refused from the deletion on
 * ({@link TenantGate}), so no new turn appears after the erasure.
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
