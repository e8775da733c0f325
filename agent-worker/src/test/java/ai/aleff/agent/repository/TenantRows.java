package ai.aleff.agent.repository;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.platform.database.RowScope;

/** A tenant's rows in every tenant table of the agent schema, written and counted through the repositories. */
public final class TenantRows {

    /** The tenant tables of the agent schema (the outbox is cross-tenant). */
    public static final String[] TABLES = {"conversation_session", "history", "history_summary", "model_usage",
            "token_usage", "tool_call", "turn"};

    private static final Duration WAIT = Duration.ofSeconds(30);

    private TenantRows() {
    }

    /**
     * One conversation of {@code tenantId} with a row in each table: a user's turn, its tool call answered by a child
     * turn, history, a summary, a session, usage and its token count.
     */
    public static void seed(Pool pool, TurnRepository turns, ToolCallRepository toolCalls, HistoryRepository history,
            SummaryRepository summaries, SessionRepository sessions, UsageRepository usage, String tenantId) {
        String conversation = "conv-" + UUID.randomUUID();
        String turnId = "turn-" + UUID.randomUUID();
        String callId = turnId + ":0:0";
        RowScope.inTenant(pool, tenantId, c -> turns.insert(c, new Turn(turnId, tenantId, conversation, "u-1", "api",
                "hello", TurnStatus.WAITING_TOOLS, 0))
                .chain(() -> toolCalls.insert(c, new ToolCall(callId, tenantId, turnId, 0, 0, "call_1", "delegate",
                        "{}")))
                .chain(() -> turns.insert(c, new Turn("child-" + callId, tenantId, conversation, "u-1", "api",
                        "subtask", TurnStatus.RUNNING, 0, new TurnLineage(turnId, callId, 1, "helper"))))
                .chain(() -> history.append(c, new HistoryEntry(tenantId, conversation, turnId,
                        HistoryEntry.Role.USER, "hello", null, null, null)))
                .chain(() -> summaries.insert(c, tenantId, conversation, new Summary(1, "a greeting")))
                .chain(() -> sessions.startNext(c, tenantId, conversation, turnId))
                .chain(() -> usage.record(c, new UsageRow("usage-" + turnId, tenantId, conversation, turnId,
                        "openai", "m", 10, 5, BigDecimal.ONE, "USD")))
                .chain(() -> new TokenUsageRepository().add(c, tenantId, java.time.LocalDate.now(), 15)))
                .await()
                .atMost(WAIT);
    }

    /** The tenant's rows in every tenant table, counted in its own transaction. */
    public static long count(Pool pool, String tenantId) {
        StringBuilder sql = new StringBuilder("SELECT 0");
        for (String table : TABLES) {
            sql.append(" + (SELECT count(*) FROM agent.").append(table).append(" WHERE tenant_id = $1)");
        }
        return RowScope.inTenant(pool, tenantId, c -> c.preparedQuery(sql.toString()).execute(Tuple.of(tenantId)))
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0);
    }

    /** The tenants a query without a tenant filter sees in {@code table}. */
    public static Uni<List<String>> visibleTenants(SqlClient client, String table) {
        return client.query("SELECT DISTINCT tenant_id FROM agent." + table).execute().map(rows -> {
            List<String> tenants = new ArrayList<>();
            rows.forEach(row -> tenants.add(row.getString(0)));
            return tenants;
        });
    }
}
