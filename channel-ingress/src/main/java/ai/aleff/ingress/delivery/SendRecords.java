package ai.aleff.ingress.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.platform.database.RowScope;

/**
 * The send records of reply parts ({@code ingress.channel_delivery}). Every state change is one conditional
 * statement, so two instances handling the same reply (a redelivery during a rebalance) never both claim a part.
 * Times are compared with the database's clock, so instances with skewed clocks agree.
 */
@ApplicationScoped
public class SendRecords {

    private static final String COLUMNS = """
            tenant_id, reply_id, part_index, part_count, conversation_id, connection_id, channel, chat_id, thread_id,
            reply_to, body, plain_body, media_url, state, attempts,
            extract(epoch FROM next_attempt_at - clock_timestamp())::float8 AS wait_s,
            coalesce(extract(epoch FROM clock_timestamp() - claimed_at), 0)::float8 AS claim_age_s""";

    private final Pool pool;

    public SendRecords(Pool pool) {
        this.pool = pool;
    }

    /** Records the parts of a reply unless it has records already (a redelivery keeps the first split). */
    public Uni<Void> create(List<SendPart> parts) {
        SendPart first = parts.getFirst();
        int n = parts.size();
        Integer[] indexes = new Integer[n];
        String[] bodies = new String[n];
        String[] plain = new String[n];
        String[] media = new String[n];
        for (int i = 0; i < n; i++) {
            indexes[i] = parts.get(i).index();
            bodies[i] = parts.get(i).body();
            plain[i] = parts.get(i).plainBody();
            media[i] = parts.get(i).mediaUrl();
        }
        return RowScope.inTenant(pool, first.tenantId(), tx -> tx.preparedQuery("""
                INSERT INTO ingress.channel_delivery (tenant_id, reply_id, part_index, part_count, conversation_id,
                    connection_id, channel, chat_id, thread_id, reply_to, body, plain_body, media_url)
                SELECT $1::text, $2::text, p.i, $3::integer, $4::text, $5::text, $6::text, $7::text, $8::text,
                    $9::text, p.body, p.plain, p.media
                FROM unnest($10::integer[], $11::text[], $12::text[], $13::text[]) AS p(i, body, plain, media)
                WHERE NOT EXISTS (SELECT 1 FROM ingress.channel_delivery d WHERE d.tenant_id = $1 AND d.reply_id = $2)
                ON CONFLICT (tenant_id, reply_id, part_index) DO NOTHING""")
                .execute(Tuple.tuple().addString(first.tenantId()).addString(first.replyId()).addInteger(n)
                        .addString(first.conversationId()).addString(first.connectionId()).addString(first.channel())
                        .addString(first.chatId()).addString(first.threadId()).addString(first.replyTo())
                        .addArrayOfInteger(indexes).addArrayOfString(bodies).addArrayOfString(plain)
                        .addArrayOfString(media))
                .replaceWithVoid());
    }

    /** The reply's parts in order; empty when it has no records. */
    public Uni<List<SendPart>> parts(String tenantId, String replyId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("SELECT " + COLUMNS + " " + """
                FROM ingress.channel_delivery WHERE tenant_id = $1 AND reply_id = $2 ORDER BY part_index""")
                .execute(Tuple.of(tenantId, replyId))
                .map(rows -> {
                    List<SendPart> parts = new ArrayList<>();
                    rows.forEach(row -> parts.add(read(row)));
                    return parts;
                }));
    }

    /** One part as stored now. */
    public Uni<Optional<SendPart>> part(String tenantId, String replyId, int index) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("SELECT " + COLUMNS + " " + """
                FROM ingress.channel_delivery WHERE tenant_id = $1 AND reply_id = $2 AND part_index = $3""")
                .execute(Tuple.of(tenantId, replyId, index))
                .map(rows -> rows.size() == 0
                        ? Optional.<SendPart>empty()
                        : Optional.of(read(rows.iterator().next()))));
    }

    /** PENDING and due -> SENDING, counting an attempt; false when another holder was first or it is not due. */
    public Uni<Boolean> claim(SendPart part) {
        return change(part, """
                UPDATE ingress.channel_delivery SET state = 'SENDING', attempts = attempts + 1,
                    claimed_at = clock_timestamp(), updated_at = clock_timestamp()
                WHERE tenant_id = $1 AND reply_id = $2 AND part_index = $3 AND state = 'PENDING'
                  AND next_attempt_at <= clock_timestamp()""", Tuple.tuple());
    }

    /** SENDING -> SENT with the platform's message id. */
    public Uni<Boolean> sent(SendPart part, String platformMessageId) {
        return change(part, """
                UPDATE ingress.channel_delivery SET state = 'SENT', platform_message_id = $4, last_error = NULL,
                    updated_at = clock_timestamp()
                WHERE tenant_id = $1 AND reply_id = $2 AND part_index = $3 AND state = 'SENDING'""",
                Tuple.tuple().addString(platformMessageId));
    }

    /**
     * SENDING -> PENDING, to be tried again after {@code delaySeconds}; {@code counted} false gives the attempt back
     * (the platform asked us to slow down, nothing failed).
     */
    public Uni<Boolean> retryLater(SendPart part, double delaySeconds, boolean counted, String error) {
        return change(part, """
                UPDATE ingress.channel_delivery SET state = 'PENDING', last_error = $4, claimed_at = NULL,
                    attempts = attempts - $6,
                    next_attempt_at = clock_timestamp() + make_interval(secs => $5), updated_at = clock_timestamp()
                WHERE tenant_id = $1 AND reply_id = $2 AND part_index = $3 AND state = 'SENDING'""",
                Tuple.tuple().addString(error).addDouble(delaySeconds).addInteger(counted ? 0 : 1));
    }

    /** Any unsettled state -> FAILED. */
    public Uni<Boolean> failed(SendPart part, String error) {
        return change(part, """
                UPDATE ingress.channel_delivery SET state = 'FAILED', last_error = $4, updated_at = clock_timestamp()
                WHERE tenant_id = $1 AND reply_id = $2 AND part_index = $3 AND state IN ('PENDING', 'SENDING')""",
                Tuple.tuple().addString(error));
    }

    /** SENDING -> UNCONFIRMED: the call may have reached the platform; never sent again. */
    public Uni<Boolean> unconfirmed(SendPart part, String error) {
        return change(part, """
                UPDATE ingress.channel_delivery SET state = 'UNCONFIRMED', last_error = $4,
                    updated_at = clock_timestamp()
                WHERE tenant_id = $1 AND reply_id = $2 AND part_index = $3 AND state = 'SENDING'""",
                Tuple.tuple().addString(error));
    }

    /** Whether a reply to the user's message {@code replyTo} (its platform id) has send records yet. */
    public Uni<Boolean> hasReplyTo(String tenantId, String conversationId, String replyTo) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("""
                SELECT 1 FROM ingress.channel_delivery WHERE tenant_id = $1 AND conversation_id = $2 AND reply_to = $3
                LIMIT 1""")
                .execute(Tuple.of(tenantId, conversationId, replyTo))
                .map(rows -> rows.size() > 0));
    }

    /**
     * Deletes send records unchanged for {@code retention} and rate slots whose time is {@code rateRetention} past,
     * across tenants; the rows deleted. Open records (PENDING, SENDING) stay, whatever their age.
     */
    public Uni<Integer> purge(java.time.Duration retention, java.time.Duration rateRetention) {
        return RowScope.acrossTenants(pool, tx -> tx.preparedQuery("""
                DELETE FROM ingress.channel_delivery
                WHERE updated_at < now() - make_interval(secs => $1) AND state NOT IN ('PENDING', 'SENDING')""")
                .execute(Tuple.of((double) retention.toSeconds()))
                .chain(records -> tx.preparedQuery("""
                        DELETE FROM ingress.delivery_rate WHERE next_allowed_at < now() - make_interval(secs => $1)""")
                        .execute(Tuple.of((double) rateRetention.toSeconds()))
                        .map(rates -> records.rowCount() + rates.rowCount())));
    }

    /** Erases every record of a deleted tenant; the rows deleted. */
    public Uni<Integer> deleteTenant(String tenantId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("""
                DELETE FROM ingress.channel_delivery WHERE tenant_id = $1""")
                .execute(Tuple.of(tenantId))
                .chain(deleted -> tx.preparedQuery("DELETE FROM ingress.delivery_rate WHERE tenant_id = $1")
                        .execute(Tuple.of(tenantId))
                        .map(rates -> deleted.rowCount() + rates.rowCount())));
    }

    private Uni<Boolean> change(SendPart part, String sql, Tuple extra) {
        Tuple args = Tuple.of(part.tenantId(), part.replyId(), part.index());
        for (int i = 0; i < extra.size(); i++) {
            args.addValue(extra.getValue(i));
        }
        return RowScope.inTenant(pool, part.tenantId(),
                tx -> tx.preparedQuery(sql).execute(args).map(rows -> rows.rowCount() == 1));
    }

    private static SendPart read(Row row) {
        return new SendPart(row.getString("tenant_id"), row.getString("reply_id"), row.getInteger("part_index"),
                row.getInteger("part_count"), row.getString("conversation_id"), row.getString("connection_id"),
                row.getString("channel"), row.getString("chat_id"), row.getString("thread_id"),
                row.getString("reply_to"), row.getString("body"), row.getString("plain_body"), row.getString("state"),
                row.getInteger("attempts"), row.getDouble("wait_s"), row.getDouble("claim_age_s"),
                row.getString("media_url"));
    }
}
