package ai.aleff.agent.repository;

import java.math.BigDecimal;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Conversation sessions (/reset) and what a session has consumed (/status). */
@ApplicationScoped
public class SessionRepository {

    /** Turns and model usage of a session so far. */
    public record SessionUsage(long turns, long inputTokens, long outputTokens, BigDecimal cost) {
    }

    public Uni<Session> current(SqlClient client, String tenantId, String conversationId) {
        return client.preparedQuery("SELECT session_no, history_after_seq, turns_after_arrival "
                + "FROM agent.conversation_session WHERE tenant_id = $1 AND conversation_id = $2")
                .execute(Tuple.of(tenantId, conversationId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Session.FIRST;
                    }
                    Row row = rows.iterator().next();
                    return new Session(row.getInteger("session_no"), row.getLong("history_after_seq"),
                            row.getLong("turns_after_arrival"));
                });
    }

    /**
     * Starts the next session after everything stored so far: the history up to now and the turns up to (and
     * including) the resetting turn. Call under the conversation lock, in the step that completes the /reset turn.
     */
    public Uni<Session> startNext(SqlClient client, String tenantId, String conversationId, String resetTurnId) {
        return client.preparedQuery("INSERT INTO agent.conversation_session AS s (tenant_id, conversation_id, "
                + "session_no, history_after_seq, turns_after_arrival) VALUES ($1, $2, 2, "
                + "(SELECT coalesce(max(seq), 0) FROM agent.history WHERE tenant_id = $1 AND conversation_id = $2), "
                + "(SELECT arrival FROM agent.turn WHERE turn_id = $3)) "
                + "ON CONFLICT (tenant_id, conversation_id) DO UPDATE SET session_no = s.session_no + 1, "
                + "history_after_seq = excluded.history_after_seq, turns_after_arrival = excluded.turns_after_arrival, "
                + "started_at = now() RETURNING session_no, history_after_seq, turns_after_arrival")
                .execute(Tuple.of(tenantId, conversationId, resetTurnId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new Session(row.getInteger("session_no"), row.getLong("history_after_seq"),
                            row.getLong("turns_after_arrival"));
                });
    }

    /** Finished turns of the session other than {@code exceptTurnId}, and the model usage of all its turns. */
    public Uni<SessionUsage> usage(SqlClient client, String tenantId, String conversationId, Session session,
            String exceptTurnId) {
        return client.preparedQuery("SELECT "
                + "(SELECT count(*) FROM agent.turn WHERE tenant_id = $1 AND conversation_id = $2 AND arrival > $3 "
                + "AND status = 'DONE' AND turn_id <> $4) AS turns, "
                + "coalesce(sum(u.input_tokens), 0) AS input_tokens, coalesce(sum(u.output_tokens), 0) AS output_tokens, "
                + "coalesce(sum(u.cost), 0) AS cost FROM agent.model_usage u JOIN agent.turn t ON t.turn_id = u.turn_id "
                + "WHERE t.tenant_id = $1 AND t.conversation_id = $2 AND t.arrival > $3")
                .execute(Tuple.of(tenantId, conversationId, session.turnsAfterArrival(), exceptTurnId))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new SessionUsage(row.getLong("turns"), row.getLong("input_tokens"),
                            row.getLong("output_tokens"), row.getBigDecimal("cost"));
                });
    }
}
