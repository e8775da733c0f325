package ai.aleff.ingress.repository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.platform.database.RowScope;

/** Accepted channel messages ({@code ingress.channel_message}), always scoped by tenant. */
@ApplicationScoped
public class ChannelMessageRepository {

    private final Pool pool;

    public ChannelMessageRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores the row unless it is stored already: a retried publish writes it again with the same message id. */
    public Uni<Void> store(ChannelMessage m) {
        return RowScope.inTenant(pool, m.tenantId(), tx -> tx.preparedQuery("""
                INSERT INTO ingress.channel_message (tenant_id, message_id, conversation_id, connection_id, channel,
                    chat_id, thread_id, platform_message_id, sender_id, received_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                ON CONFLICT (tenant_id, message_id) DO NOTHING""")
                .execute(Tuple.tuple()
                        .addString(m.tenantId())
                        .addString(m.messageId())
                        .addString(m.conversationId())
                        .addString(m.connectionId())
                        .addString(m.channel())
                        .addString(m.chatId())
                        .addString(m.threadId())
                        .addString(m.platformMessageId())
                        .addString(m.senderId())
                        .addOffsetDateTime(m.receivedAt().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid());
    }

    /** The channel message {@code messageId} of the tenant (e.g. a reply's {@code inReplyTo}). */
    public Uni<Optional<ChannelMessage>> find(String tenantId, String messageId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("""
                SELECT * FROM ingress.channel_message WHERE tenant_id = $1 AND message_id = $2""")
                .execute(Tuple.of(tenantId, messageId))
                .map(rows -> rows.size() == 0
                        ? Optional.<ChannelMessage>empty()
                        : Optional.of(read(rows.iterator().next()))));
    }

    /** When the user last wrote in the conversation (WhatsApp's 24-hour window), empty if never. */
    public Uni<Optional<Instant>> lastReceived(String tenantId, String conversationId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("""
                SELECT max(received_at) AS last FROM ingress.channel_message
                WHERE tenant_id = $1 AND conversation_id = $2""")
                .execute(Tuple.of(tenantId, conversationId))
                .map(rows -> Optional.ofNullable(rows.iterator().next().getOffsetDateTime("last"))
                        .map(t -> t.toInstant())));
    }

    /** Erases every row of a deleted tenant; the number of rows deleted. */
    public Uni<Integer> deleteTenant(String tenantId) {
        return RowScope.inTenant(pool, tenantId,
                tx -> tx.preparedQuery("DELETE FROM ingress.channel_message WHERE tenant_id = $1")
                        .execute(Tuple.of(tenantId))
                        .map(rows -> rows.rowCount()));
    }

    private static ChannelMessage read(Row row) {
        return new ChannelMessage(row.getString("tenant_id"), row.getString("message_id"),
                row.getString("conversation_id"), row.getString("connection_id"), row.getString("channel"),
                row.getString("chat_id"), row.getString("thread_id"), row.getString("platform_message_id"),
                row.getString("sender_id"), row.getOffsetDateTime("received_at").toInstant());
    }
}
