package ai.aleff.agent.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Tool call rows. */
@ApplicationScoped
public class ToolCallRepository {

    private static final String COLUMNS = "call_id, tenant_id, turn_id, iteration, idx, model_call_id, tool_name, "
            + "arguments";

    public Uni<Void> insert(SqlClient client, ToolCall call) {
        return client.preparedQuery("INSERT INTO agent.tool_call (" + COLUMNS + ", status) VALUES ($1, $2, $3, $4, "
                + "$5, $6, $7, $8, 'PENDING') ON CONFLICT (call_id) DO NOTHING")
                .execute(Tuple.tuple(List.of(call.callId(), call.tenantId(), call.turnId(), call.iteration(),
                        call.idx(), call.modelCallId(), call.toolName(), call.arguments())))
                .replaceWithVoid();
    }

    /** Records the result if the call is still pending; empty when it was already done (a duplicate result). */
    public Uni<Optional<ToolCall>> complete(SqlClient client, String callId, String tenantId, String result) {
        return client.preparedQuery("UPDATE agent.tool_call SET status = 'DONE', result = $3, completed_at = now() "
                + "WHERE call_id = $1 AND tenant_id = $2 AND status = 'PENDING' RETURNING " + COLUMNS)
                .execute(Tuple.of(callId, tenantId, result))
                .map(ToolCallRepository::first);
    }

    public Uni<Optional<ToolCall>> find(SqlClient client, String callId, String tenantId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM agent.tool_call WHERE call_id = $1 AND tenant_id = $2")
                .execute(Tuple.of(callId, tenantId))
                .map(ToolCallRepository::first);
    }

    public Uni<Long> pendingCount(SqlClient client, String turnId, int iteration) {
        return client.preparedQuery("SELECT count(*) AS pending FROM agent.tool_call WHERE turn_id = $1 "
                + "AND iteration = $2 AND status = 'PENDING'")
                .execute(Tuple.of(turnId, iteration))
                .map(rows -> rows.iterator().next().getLong("pending"));
    }

    /** A pending call whose result is overdue (calls answered by a subagent are not timed out). */
    public record OverdueCall(String callId, String tenantId, String conversationId, String toolName) {
    }

    /** Pending calls of every tenant requested longer than {@code age} ago, oldest first (cross-tenant). */
    public Uni<List<OverdueCall>> overdue(SqlClient client, Duration age, int limit) {
        return client.preparedQuery("SELECT c.call_id, c.tenant_id, t.conversation_id, c.tool_name "
                + "FROM agent.tool_call c JOIN agent.turn t ON t.turn_id = c.turn_id WHERE c.status = 'PENDING' "
                + "AND c.created_at < now() - make_interval(secs => $1) "
                // A delegated call is answered by its subagent's child turn, which has its own iteration limit
                // and failure handling; timing it out would race the child's real answer.
                + "AND NOT EXISTS (SELECT 1 FROM agent.turn child WHERE child.parent_call_id = c.call_id) "
                + "ORDER BY c.created_at LIMIT $2")
                .execute(Tuple.of(age.toMillis() / 1000.0, limit))
                .map(rows -> {
                    List<OverdueCall> calls = new ArrayList<>();
                    for (Row row : rows) {
                        calls.add(new OverdueCall(row.getString("call_id"), row.getString("tenant_id"),
                                row.getString("conversation_id"), row.getString("tool_name")));
                    }
                    return calls;
                });
    }

    private static Optional<ToolCall> first(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        return Optional.of(new ToolCall(row.getString("call_id"), row.getString("tenant_id"),
                row.getString("turn_id"), row.getInteger("iteration"), row.getInteger("idx"),
                row.getString("model_call_id"), row.getString("tool_name"), row.getString("arguments")));
    }
}
