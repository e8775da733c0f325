package ai.aleff.ingress.repository;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.platform.database.RowScope;
import ai.aleff.platform.lease.Lease;

/**
 * Where each polled Telegram bot resumes ({@code ingress.telegram_poll_offset}): the next {@code getUpdates} offset,
 * moved only by the current holder of the connection's lease.
 */
@ApplicationScoped
public class TelegramPollOffsetRepository {

    private static final String ADVANCE = """
            INSERT INTO ingress.telegram_poll_offset AS o (tenant_id, connection_id, next_offset, epoch, updated_at)
            SELECT $4, $5, $6, $3, now() WHERE %s
            ON CONFLICT (connection_id) DO UPDATE
                SET next_offset = EXCLUDED.next_offset, epoch = EXCLUDED.epoch, updated_at = now()
                WHERE o.epoch <= EXCLUDED.epoch AND o.tenant_id = EXCLUDED.tenant_id""".formatted(
            ChannelLeases.TABLE.stillHeld(1));

    private final Pool pool;

    public TelegramPollOffsetRepository(Pool pool) {
        this.pool = pool;
    }

    /** The stored offset of the connection; empty when it was never polled. */
    public Uni<Optional<Long>> find(String tenantId, String connectionId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery(
                "SELECT next_offset FROM ingress.telegram_poll_offset WHERE tenant_id = $1 AND connection_id = $2")
                .execute(Tuple.of(tenantId, connectionId))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? Optional.of(it.next().getLong("next_offset")) : Optional.<Long>empty();
                }));
    }

    /**
     * Stores {@code nextOffset} if {@code lease} is still held (checked in the same statement, see
     * {@code LeaseTable.stillHeld}); whether it was stored. False means the lease is lost: stop polling.
     */
    public Uni<Boolean> advance(String tenantId, String connectionId, Lease lease, long nextOffset) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery(ADVANCE)
                .execute(Tuple.tuple(java.util.List.of(lease.name(), lease.holder(), lease.epoch(), tenantId,
                        connectionId, nextOffset)))
                .map(rows -> rows.rowCount() == 1));
    }

    /** Forgets a deleted connection's offset. */
    public Uni<Void> delete(String tenantId, String connectionId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx
                .preparedQuery("DELETE FROM ingress.telegram_poll_offset WHERE tenant_id = $1 AND connection_id = $2")
                .execute(Tuple.of(tenantId, connectionId))
                .replaceWithVoid());
    }

    public Uni<Integer> deleteTenant(String tenantId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx
                .preparedQuery("DELETE FROM ingress.telegram_poll_offset WHERE tenant_id = $1")
                .execute(Tuple.of(tenantId))
                .map(rows -> rows.rowCount()));
    }
}
