package ai.aleff.agent.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** Model-written history summaries. */
@ApplicationScoped
public class SummaryRepository {

    /** The newest summary covering entries after {@code afterSeq} (i.e. made in the current session). */
    public Uni<Optional<Summary>> latest(SqlClient client, String tenantId, String conversationId, long afterSeq) {
        return client.preparedQuery("SELECT covers_to_seq, summary FROM agent.history_summary WHERE tenant_id = $1 "
                + "AND conversation_id = $2 AND covers_to_seq > $3 ORDER BY covers_to_seq DESC LIMIT 1")
                .execute(Tuple.of(tenantId, conversationId, afterSeq))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Summary(row.getLong("covers_to_seq"), row.getString("summary")));
                });
    }

    /** Stores a summary; false when one covering the same entries exists already (a redone compaction). */
    public Uni<Boolean> insert(SqlClient client, String tenantId, String conversationId, Summary summary) {
        return client.preparedQuery("INSERT INTO agent.history_summary (tenant_id, conversation_id, covers_to_seq, "
                + "summary) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(tenantId, conversationId, summary.coversToSeq(), summary.text()))
                .map(rows -> rows.rowCount() == 1);
    }
}
