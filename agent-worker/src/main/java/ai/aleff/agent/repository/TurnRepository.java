package ai.aleff.agent.repository;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Turn rows. Every method takes the connection, so callers compose them into one transaction. */
@ApplicationScoped
public class TurnRepository {

    private static final String COLUMNS = "turn_id, tenant_id, conversation_id, user_id, channel, user_text, status, "
            + "iteration, parent_turn_id, parent_call_id, depth, subagent, user_verified";

    /**
     * Serialises state changes of one conversation across threads and instances until the transaction ends, so
     * "is a turn open?" and "are all tool calls done?" are answered consistently.
     */
    public Uni<Void> lockConversation(SqlClient client, String tenantId, String conversationId) {
        return client.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of(tenantId + "/" + conversationId))
                .replaceWithVoid();
    }

    public Uni<Optional<Turn>> find(SqlClient client, String turnId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM agent.turn WHERE turn_id = $1")
                .execute(Tuple.of(turnId))
                .map(TurnRepository::first);
    }

    /** Whether a user's turn of the conversation is unfinished (child turns only ever run inside one). */
    public Uni<Boolean> hasOpenTurn(SqlClient client, String tenantId, String conversationId) {
        return client.preparedQuery("SELECT 1 FROM agent.turn WHERE tenant_id = $1 AND conversation_id = $2 "
                + "AND status <> 'DONE' AND parent_call_id IS NULL LIMIT 1")
                .execute(Tuple.of(tenantId, conversationId))
                .map(rows -> rows.size() > 0);
    }

    public Uni<Void> insert(SqlClient client, Turn turn) {
        TurnLineage lineage = turn.lineage();
        return client.preparedQuery("INSERT INTO agent.turn (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
                + "$9, $10, $11, $12, $13)")
                .execute(Tuple.tuple(Arrays.asList(turn.turnId(), turn.tenantId(), turn.conversationId(),
                        turn.userId() == null ? "" : turn.userId(), turn.channel(), turn.userText(),
                        turn.status().name(), turn.iteration(), lineage.parentTurnId(), lineage.parentCallId(),
                        lineage.depth(), lineage.subagent(), turn.userVerified())))
                .replaceWithVoid();
    }

    /**
     * Moves a turn only if it is still where the caller saw it: a duplicate delivery working from the same state
     * finds zero rows and must do nothing.
     */
    public Uni<Boolean> transition(SqlClient client, String turnId, TurnStatus fromStatus, int fromIteration,
            TurnStatus toStatus, int toIteration) {
        return client.preparedQuery("UPDATE agent.turn SET status = $4, iteration = $5, updated_at = now() "
                + "WHERE turn_id = $1 AND status = $2 AND iteration = $3")
                .execute(Tuple.of(turnId, fromStatus.name(), fromIteration, toStatus.name(), toIteration))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The conversation's oldest queued turn: messages that arrived during a running turn go strictly in order. */
    public Uni<Optional<Turn>> oldestQueued(SqlClient client, String tenantId, String conversationId) {
        return client.preparedQuery("SELECT " + COLUMNS + " FROM agent.turn WHERE tenant_id = $1 "
                + "AND conversation_id = $2 AND status = 'QUEUED' ORDER BY arrival LIMIT 1")
                .execute(Tuple.of(tenantId, conversationId))
                .map(TurnRepository::first);
    }

    /** A RUNNING turn nobody touched for a while, and its tenant. */
    public record StaleTurn(String tenantId, String turnId) {
    }

    /**
     * Running turns nobody touched for a while, of every tenant: their worker probably died between steps. Call in
     * a cross-tenant transaction.
     */
    public Uni<List<StaleTurn>> staleRunning(SqlClient client, Duration untouchedFor, int limit) {
        return client.preparedQuery("SELECT tenant_id, turn_id FROM agent.turn WHERE status = 'RUNNING' "
                + "AND updated_at < now() - make_interval(secs => $1) ORDER BY updated_at LIMIT $2")
                .execute(Tuple.of((double) untouchedFor.toSeconds(), limit))
                .map(rows -> {
                    List<StaleTurn> stale = new ArrayList<>();
                    rows.forEach(row -> stale.add(new StaleTurn(row.getString("tenant_id"), row.getString("turn_id"))));
                    return stale;
                });
    }

    /** Marks a turn as being worked on, so the stale-turn sweep leaves it alone for a while. */
    public Uni<Void> touch(SqlClient client, String turnId) {
        return client.preparedQuery("UPDATE agent.turn SET updated_at = now() WHERE turn_id = $1")
                .execute(Tuple.of(turnId))
                .replaceWithVoid();
    }

    /** How long ago the turn was created (its message's intake): the turn latency when it ends now. */
    public Uni<Duration> age(SqlClient client, String turnId) {
        return client.preparedQuery("SELECT extract(epoch FROM now() - created_at) FROM agent.turn WHERE turn_id = $1")
                .execute(Tuple.of(turnId))
                .map(rows -> rows.size() == 0
                        ? Duration.ZERO
                        : Duration.ofMillis((long) (rows.iterator().next().getDouble(0) * 1000)));
    }

    private static Optional<Turn> first(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Optional.empty();
        }
        Row row = rows.iterator().next();
        return Optional.of(new Turn(row.getString("turn_id"), row.getString("tenant_id"),
                row.getString("conversation_id"), row.getString("user_id"), row.getString("channel"),
                row.getString("user_text"), TurnStatus.valueOf(row.getString("status")),
                row.getInteger("iteration"), new TurnLineage(row.getString("parent_turn_id"),
                        row.getString("parent_call_id"), row.getInteger("depth"), row.getString("subagent")),
                row.getBoolean("user_verified")));
    }
}
