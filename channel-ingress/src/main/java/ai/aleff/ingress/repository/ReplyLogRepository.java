package ai.aleff.ingress.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.platform.database.RowScope;

/**
 * A conversation's messages in the order they were stored, each with its {@code seq}: the durable event log of the
 * widget's and the integrator's reply streams. Replies are stored once per reply id (the primary key) when the outbound record is consumed, so a redelivered
 * record never gets a second seq, and one conversation's records are stored one at a time, so its seqs grow in the
 * order its replies arrived. Every instance reads the same rows: a visitor resumes on any of them.
 */
@ApplicationScoped
public class ReplyLogRepository {

    /** One stored message and its position in the log. */
    public record Logged(long seq, String messageId, ConversationMessage.Direction direction, String text,
            String inReplyTo, String model, Instant occurredAt) {
    }

    /**
     * What storing a reply did.
     *
     * @param seq the reply's seq; 0 when it was stored already (a redelivered record)
     * @param previousSeq the seq of the conversation's reply before it; 0 when it is the first
     */
    public record StoredReply(long seq, long previousSeq) {

        public boolean isNew() {
            return seq > 0;
        }
    }

    private final Pool pool;

    public ReplyLogRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores a reply unless it is stored already, and (on commit, in the same transaction) notifies every instance's
     * listener of it. One statement, the {@code ingress.store_reply} function (V15), which sets the row scope itself.
     *
     * @param origin this instance, named in the notification so that it can skip its own
     */
    public Uni<StoredReply> storeReply(ConversationMessage reply, String origin) {
        return pool
                .preparedQuery(
                        "SELECT stored_seq, previous_seq FROM ingress.store_reply($1, $2, $3, $4, $5, $6, $7, $8)")
                .execute(Tuple.from(new Object[]{reply.tenantId(), reply.conversationId(), reply.messageId(),
                        reply.text(), reply.inReplyTo(), reply.model(),
                        OffsetDateTime.ofInstant(reply.occurredAt(), ZoneOffset.UTC), origin}))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new StoredReply(row.getLong("stored_seq"), row.getLong("previous_seq"));
                });
    }

    /** Replies of the conversation stored after {@code afterSeq}, in order, at most {@code limit}. */
    public Uni<List<Logged>> repliesAfter(String tenantId, String conversationId, long afterSeq, int limit) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("""
                SELECT seq, message_id, direction, text, in_reply_to, model, occurred_at
                FROM ingress.conversation_message
                WHERE tenant_id = $1 AND conversation_id = $2 AND direction = 'OUTBOUND' AND seq > $3
                ORDER BY seq
                LIMIT $4""")
                .execute(Tuple.of(tenantId, conversationId, afterSeq, limit))
                .map(ReplyLogRepository::toList));
    }

    /** The latest {@code limit} messages of the conversation (both directions), oldest first. */
    public Uni<List<Logged>> latest(String tenantId, String conversationId, int limit) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("""
                SELECT * FROM (
                    SELECT seq, message_id, direction, text, in_reply_to, model, occurred_at
                    FROM ingress.conversation_message
                    WHERE tenant_id = $1 AND conversation_id = $2
                    ORDER BY seq DESC
                    LIMIT $3) latest
                ORDER BY seq""")
                .execute(Tuple.of(tenantId, conversationId, limit))
                .map(ReplyLogRepository::toList));
    }

    /** The seq of the conversation's latest reply; 0 when it has none. */
    public Uni<Long> lastReplySeq(String tenantId, String conversationId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("""
                SELECT coalesce(max(seq), 0) AS last FROM ingress.conversation_message
                WHERE tenant_id = $1 AND conversation_id = $2 AND direction = 'OUTBOUND'""")
                .execute(Tuple.of(tenantId, conversationId))
                .map(rows -> rows.iterator().next().getLong("last")));
    }

    /** The seq of the conversation's reply {@code replyId}, if it is stored. */
    public Uni<Optional<Long>> replySeq(String tenantId, String conversationId, String replyId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("""
                SELECT seq FROM ingress.conversation_message
                WHERE tenant_id = $1 AND message_id = $2 AND conversation_id = $3 AND direction = 'OUTBOUND'""")
                .execute(Tuple.of(tenantId, replyId, conversationId))
                .map(rows -> rows.size() == 0
                        ? Optional.<Long>empty()
                        : Optional.of(rows.iterator().next().getLong("seq"))));
    }

    private static List<Logged> toList(RowSet<Row> rows) {
        List<Logged> logged = new ArrayList<>(rows.size());
        rows.forEach(row -> logged.add(new Logged(row.getLong("seq"), row.getString("message_id"),
                ConversationMessage.Direction.valueOf(row.getString("direction")), row.getString("text"),
                row.getString("in_reply_to"), row.getString("model"),
                row.getOffsetDateTime("occurred_at").toInstant())));
        return logged;
    }
}
