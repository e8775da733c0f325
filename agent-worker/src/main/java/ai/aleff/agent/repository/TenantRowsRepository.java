package ai.aleff.agent.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

import ai.aleff.platform.database.TenantRowDeletion;

/** Every row the worker holds for one tenant, for erasing a deleted tenant. */
@ApplicationScoped
public class TenantRowsRepository {

    /**
     * In order: a turn and its tool calls reference each other (a child turn names its parent's call), so the links
     * are cut before either is deleted. The outbox's sent events carry the tenant's texts too; unsent ones are left to
     * the relay (the outbox purge removes them once sent).
     */
    private static final List<String> ERASE = List.of(
            "DELETE FROM agent.history WHERE tenant_id = $1",
            "DELETE FROM agent.history_summary WHERE tenant_id = $1",
            "DELETE FROM agent.conversation_session WHERE tenant_id = $1",
            "DELETE FROM agent.model_usage WHERE tenant_id = $1",
            "DELETE FROM agent.token_usage WHERE tenant_id = $1",
            "UPDATE agent.turn SET parent_turn_id = NULL, parent_call_id = NULL WHERE tenant_id = $1 "
                    + "AND (parent_turn_id IS NOT NULL OR parent_call_id IS NOT NULL)",
            "DELETE FROM agent.tool_call WHERE tenant_id = $1",
            "DELETE FROM agent.turn WHERE tenant_id = $1",
            "DELETE FROM agent.outbox WHERE tenant_id = $1 AND sent_at IS NOT NULL");

    /** Deletes the tenant's rows in the caller's transaction; the number of rows deleted (links cut not counted). */
    public Uni<Integer> deleteTenant(SqlClient transaction, String tenantId) {
        return TenantRowDeletion.run(transaction, tenantId, ERASE);
    }
}
