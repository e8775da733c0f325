package ai.aleff.tools.repository;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Memory facts. Every statement is scoped by tenant and user: a fact of another tenant or user is never read,
 * matched or deleted, whatever id or words are given. Word patterns are {@code ILIKE} patterns passed as parameters.
 */
@ApplicationScoped
public class MemoryRepository {

    /** The id a fact is known by outside is its number among its user's facts, never the table's identity. */
    private static final String COLUMNS = "fact_no AS id, fact, created_at";

    /**
     * Serialises the memory writes of one user until the transaction ends, so counting against the cap and inserting
     * are one step even when two calls of the same user run at once.
     */
    public Uni<Void> lockUser(SqlClient tx, String tenantId, String userId) {
        return tx.preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of("tools.memory/" + tenantId.length() + ":" + tenantId + "/" + userId))
                .replaceWithVoid();
    }

    public Uni<Long> count(SqlClient tx, String tenantId, String userId) {
        return tx.preparedQuery("SELECT count(*) AS facts FROM tools.memory_fact WHERE tenant_id = $1 AND user_id = $2")
                .execute(Tuple.of(tenantId, userId))
                .map(rows -> rows.iterator().next().getLong("facts"));
    }

    /** The stored fact equal to {@code fact} ignoring case, if any. */
    public Uni<Optional<MemoryFact>> findSame(SqlClient tx, String tenantId, String userId, String fact) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM tools.memory_fact WHERE tenant_id = $1 AND user_id = $2 "
                + "AND md5(lower(fact)) = md5(lower($3))")
                .execute(Tuple.of(tenantId, userId, fact))
                .map(rows -> facts(rows).stream().findFirst());
    }

    /** Stores the fact; empty when an equal fact is already stored. */
    public Uni<Optional<MemoryFact>> insert(SqlClient tx, String tenantId, String userId, String fact,
            String callId) {
        // The caller holds the user's lock (lockUser), so numbers are given one at a time; a duplicate fact leaves
        // a gap, which is harmless.
        return tx.preparedQuery("WITH next AS (INSERT INTO tools.memory_fact_counter AS c (tenant_id, user_id, last_no)"
                + " VALUES ($1, $2, 1) ON CONFLICT (tenant_id, user_id) DO UPDATE SET last_no = c.last_no + 1"
                + " RETURNING last_no) INSERT INTO tools.memory_fact (tenant_id, user_id, fact, call_id, fact_no)"
                + " SELECT $1, $2, $3, $4, last_no FROM next"
                + " ON CONFLICT (tenant_id, user_id, md5(lower(fact))) DO NOTHING RETURNING " + COLUMNS)
                .execute(Tuple.of(tenantId, userId, fact, callId))
                .map(rows -> facts(rows).stream().findFirst());
    }

    /** The newest facts first. */
    public Uni<List<MemoryFact>> newest(SqlClient tx, String tenantId, String userId, int limit) {
        return tx.preparedQuery("SELECT " + COLUMNS + " FROM tools.memory_fact WHERE tenant_id = $1 AND user_id = $2 "
                + "ORDER BY created_at DESC, fact_no DESC LIMIT $3")
                .execute(Tuple.of(tenantId, userId, limit))
                .map(MemoryRepository::facts);
    }

    /** Facts matching any of the patterns, those matching most patterns first, then the newest. */
    public Uni<List<MemoryFact>> matchingAny(SqlClient tx, String tenantId, String userId, List<String> patterns,
            int limit) {
        return tx.preparedQuery("SELECT " + COLUMNS + ", (SELECT count(*) FROM unnest($3::text[]) AS p "
                + "WHERE f.fact ILIKE p) AS hits FROM tools.memory_fact f WHERE tenant_id = $1 AND user_id = $2 "
                + "AND fact ILIKE ANY ($3::text[]) ORDER BY hits DESC, created_at DESC, fact_no DESC LIMIT $4")
                .execute(Tuple.of(tenantId, userId, patterns.toArray(String[]::new), limit))
                .map(MemoryRepository::facts);
    }

    public Uni<List<MemoryFact>> deleteById(SqlClient tx, String tenantId, String userId, long id) {
        return tx.preparedQuery("DELETE FROM tools.memory_fact WHERE tenant_id = $1 AND user_id = $2 AND fact_no = $3 "
                + "RETURNING " + COLUMNS)
                .execute(Tuple.of(tenantId, userId, id))
                .map(MemoryRepository::sortedById);
    }

    /** Deletes the facts matching every pattern (deleting is the riskier direction, so it matches narrowly). */
    public Uni<List<MemoryFact>> deleteMatchingAll(SqlClient tx, String tenantId, String userId,
            List<String> patterns) {
        return tx.preparedQuery("DELETE FROM tools.memory_fact WHERE tenant_id = $1 AND user_id = $2 "
                + "AND fact ILIKE ALL ($3::text[]) RETURNING " + COLUMNS)
                .execute(Tuple.of(tenantId, userId, patterns.toArray(String[]::new)))
                .map(MemoryRepository::sortedById);
    }

    public Uni<List<MemoryFact>> deleteAll(SqlClient tx, String tenantId, String userId) {
        return tx.preparedQuery("DELETE FROM tools.memory_fact WHERE tenant_id = $1 AND user_id = $2 RETURNING "
                + COLUMNS)
                .execute(Tuple.of(tenantId, userId))
                .map(MemoryRepository::sortedById);
    }

    private static List<MemoryFact> sortedById(RowSet<Row> rows) {
        return facts(rows).stream().sorted(Comparator.comparingLong(MemoryFact::id)).toList();
    }

    private static List<MemoryFact> facts(RowSet<Row> rows) {
        return StreamSupport.stream(rows.spliterator(), false)
                .map(row -> new MemoryFact(row.getLong("id"), row.getString("fact"),
                        row.getOffsetDateTime("created_at").toInstant()))
                .toList();
    }
}
