package ai.aleff.ingress.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.platform.database.RowScope;

/**
 * Idempotency keys of senders ({@code ingress.client_message}), always scoped by tenant: in each statement and, by
 * row-level security, in each transaction.
 */
@ApplicationScoped
public class ClientMessageRepository {

    private final Pool pool;

    public ClientMessageRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Reserves {@code candidateMessageId} for the key, or returns what an earlier request reserved for it.
     */
    public Uni<ClientMessage> reserve(String tenantId, String clientMessageId, String candidateMessageId,
            String conversationId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("""
                INSERT INTO ingress.client_message (tenant_id, client_message_id, message_id, conversation_id, status)
                VALUES ($1, $2, $3, $4, 'PENDING')
                ON CONFLICT (tenant_id, client_message_id) DO NOTHING
                RETURNING message_id, conversation_id, status""")
                .execute(Tuple.of(tenantId, clientMessageId, candidateMessageId, conversationId))
                .flatMap(inserted -> inserted.size() > 0
                        ? Uni.createFrom().item(first(inserted))
                        : find(tx, tenantId, clientMessageId)));
    }

    public Uni<Void> markAccepted(String tenantId, String clientMessageId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("""
                UPDATE ingress.client_message SET status = 'ACCEPTED', updated_at = now()
                WHERE tenant_id = $1 AND client_message_id = $2""")
                .execute(Tuple.of(tenantId, clientMessageId))
                .replaceWithVoid());
    }

    /** Whether a message under this key was accepted already (Kafka acknowledged it): a plain read, no reservation. */
    public Uni<Boolean> accepted(String tenantId, String clientMessageId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("""
                SELECT 1 FROM ingress.client_message
                WHERE tenant_id = $1 AND client_message_id = $2 AND status = 'ACCEPTED'""")
                .execute(Tuple.of(tenantId, clientMessageId))
                .map(rows -> rows.size() > 0));
    }

    private static Uni<ClientMessage> find(SqlClient tx, String tenantId, String clientMessageId) {
        return tx.preparedQuery("""
                SELECT message_id, conversation_id, status FROM ingress.client_message
                WHERE tenant_id = $1 AND client_message_id = $2""")
                .execute(Tuple.of(tenantId, clientMessageId))
                .map(ClientMessageRepository::first);
    }

    private static ClientMessage first(RowSet<Row> rows) {
        Row row = rows.iterator().next();
        return new ClientMessage(row.getString("message_id"), row.getString("conversation_id"),
                ClientMessage.Status.valueOf(row.getString("status")));
    }

    /** Erases every row of a deleted tenant; the number of rows deleted. */
    public Uni<Integer> deleteTenant(String tenantId) {
        return RowScope.inTenant(pool, tenantId,
                tx -> tx.preparedQuery("DELETE FROM ingress.client_message WHERE tenant_id = $1")
                        .execute(Tuple.of(tenantId))
                        .map(rows -> rows.rowCount()));
    }
}
