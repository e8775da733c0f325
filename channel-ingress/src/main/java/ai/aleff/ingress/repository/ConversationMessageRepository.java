package ai.aleff.ingress.repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.platform.database.RowScope;

/**
 * The conversation view ({@code ingress.conversation_message}), always scoped by tenant: in each statement and, by
 * row-level security, in each transaction.
 */
@ApplicationScoped
public class ConversationMessageRepository {

    private final Pool pool;

    public ConversationMessageRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores the message unless it is already stored (redeliveries and the POST path both write it). One statement,
     * the {@code ingress.store_conversation_message} function (V4), which sets the row scope itself.
     */
    public Uni<Void> store(ConversationMessage m) {
        return pool.preparedQuery("SELECT ingress.store_conversation_message($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.from(new Object[]{m.tenantId(), m.conversationId(), m.messageId(),
                        m.direction().name(), m.userId(), m.text(), m.inReplyTo(), m.model(),
                        OffsetDateTime.ofInstant(m.occurredAt(), ZoneOffset.UTC)}))
                .replaceWithVoid();
    }

    /** The latest {@code limit} messages of the tenant's conversation, oldest first; empty if it has none. */
    public Uni<List<ConversationMessage>> latest(String tenantId, String conversationId, int limit) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("""
                SELECT * FROM (
                    SELECT tenant_id, conversation_id, message_id, direction, user_id, text, in_reply_to, model,
                           occurred_at, seq
                    FROM ingress.conversation_message
                    WHERE tenant_id = $1 AND conversation_id = $2
                    ORDER BY occurred_at DESC, seq DESC
                    LIMIT $3) latest
                ORDER BY occurred_at, seq""")
                .execute(Tuple.of(tenantId, conversationId, limit))
                .map(rows -> {
                    List<ConversationMessage> messages = new ArrayList<>(rows.size());
                    rows.forEach(row -> messages.add(toMessage(row)));
                    return messages;
                }));
    }

    private static ConversationMessage toMessage(Row row) {
        return new ConversationMessage(row.getString("tenant_id"), row.getString("conversation_id"),
                row.getString("message_id"), ConversationMessage.Direction.valueOf(row.getString("direction")),
                row.getString("user_id"), row.getString("text"), row.getString("in_reply_to"),
                row.getString("model"), row.getOffsetDateTime("occurred_at").toInstant());
    }

    /** Erases every row of a deleted tenant; the number of rows deleted. */
    public Uni<Integer> deleteTenant(String tenantId) {
        return RowScope.inTenant(pool, tenantId,
                tx -> tx.preparedQuery("DELETE FROM ingress.conversation_message WHERE tenant_id = $1")
                        .execute(Tuple.of(tenantId))
                        .map(rows -> rows.rowCount()));
    }
}
