package ai.aleff.agent.repository;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Conversation history rows, scoped by tenant and conversation. */
@ApplicationScoped
public class HistoryRepository {

    public Uni<Void> append(SqlClient client, HistoryEntry entry) {
        return client.preparedQuery("INSERT INTO agent.history (tenant_id, conversation_id, turn_id, role, content, "
                + "tool_calls, tool_call_id, tool_name, user_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.tuple(Arrays.asList(entry.tenantId(), entry.conversationId(),
                        entry.turnId(), entry.role().name(), entry.content(),
                        entry.toolCallsJson() == null ? null : new JsonArray(entry.toolCallsJson()),
                        entry.toolCallId(), entry.toolName(), blankToNull(entry.userId()))))
                .replaceWithVoid();
    }

    /**
     * Whether anyone but {@code userId} ever wrote a user message in the conversation (in any session: once several
     * users shared it, it stays a group). A missing user id counts as one unknown user, as in the speaker view.
     */
    public Uni<Boolean> hasOtherSpeaker(SqlClient client, String tenantId, String conversationId, String userId) {
        return client.preparedQuery("SELECT EXISTS (SELECT 1 FROM agent.history WHERE tenant_id = $1 "
                + "AND conversation_id = $2 AND role = 'USER' AND COALESCE(user_id, '') <> $3) AS other")
                .execute(Tuple.of(tenantId, conversationId, userId == null ? "" : userId))
                .map(rows -> rows.iterator().next().getBoolean("other"));
    }

    /** The latest {@code limit} messages, oldest first. */
    public Uni<List<HistoryEntry>> latest(SqlClient client, String tenantId, String conversationId, int limit) {
        return client.preparedQuery("SELECT tenant_id, conversation_id, turn_id, role, content, tool_calls::text "
                + "AS tool_calls, tool_call_id, tool_name, user_id FROM agent.history WHERE tenant_id = $1 "
                + "AND conversation_id = $2 ORDER BY seq DESC LIMIT $3")
                .execute(Tuple.of(tenantId, conversationId, limit))
                .map(rows -> {
                    List<HistoryEntry> entries = new ArrayList<>();
                    for (Row row : rows) {
                        entries.add(entry(row));
                    }
                    Collections.reverse(entries);
                    return entries;
                });
    }

    /** The latest {@code limit} entries with seq above {@code afterSeq}, oldest first, with their seq. */
    public Uni<List<SequencedEntry>> since(SqlClient client, String tenantId, String conversationId, long afterSeq,
            int limit) {
        return client.preparedQuery("SELECT seq, tenant_id, conversation_id, turn_id, role, content, "
                + "tool_calls::text AS tool_calls, tool_call_id, tool_name, user_id FROM agent.history "
                + "WHERE tenant_id = $1 AND conversation_id = $2 AND seq > $3 ORDER BY seq DESC LIMIT $4")
                .execute(Tuple.of(tenantId, conversationId, afterSeq, limit))
                .map(rows -> {
                    List<SequencedEntry> entries = new ArrayList<>();
                    for (Row row : rows) {
                        entries.add(new SequencedEntry(row.getLong("seq"), entry(row)));
                    }
                    Collections.reverse(entries);
                    return entries;
                });
    }

    private static HistoryEntry entry(Row row) {
        return new HistoryEntry(row.getString("tenant_id"), row.getString("conversation_id"),
                row.getString("turn_id"), HistoryEntry.Role.valueOf(row.getString("role")), row.getString("content"),
                row.getString("tool_calls"), row.getString("tool_call_id"), row.getString("tool_name"),
                row.getString("user_id"));
    }

    /** Turns store a missing user id as the empty string; history stores it as null. */
    private static String blankToNull(String userId) {
        return userId == null || userId.isEmpty() ? null : userId;
    }
}
