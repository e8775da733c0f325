package ai.aleff.tools.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

import ai.aleff.platform.database.TenantRowDeletion;

/** Every row the tool-executor holds for one tenant, for erasing a deleted tenant. */
@ApplicationScoped
public class TenantRowsRepository {

    private static final List<String> ERASE = List.of(
            "DELETE FROM tools.memory_fact WHERE tenant_id = $1",
            "DELETE FROM tools.memory_fact_counter WHERE tenant_id = $1",
            "DELETE FROM tools.tool_call WHERE tenant_id = $1");

    /** Deletes the tenant's facts, fact counters and tool-call records in the caller's transaction; rows deleted. */
    public Uni<Integer> deleteTenant(SqlClient tx, String tenantId) {
        return TenantRowDeletion.run(tx, tenantId, ERASE);
    }
}
