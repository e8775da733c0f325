package ai.aleff.ingress.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.platform.database.RowScope;
import ai.aleff.platform.lease.Lease;

/**
 * A Discord bot's Gateway state (V14__discord_gateway.sql): the session to RESUME ({@code discord_gateway_session},
 * moved only by the current holder of the connection's lease) and the IDENTIFYs sent
 * ({@code discord_gateway_identify}), counted over Discord's 24-hour window.
 */
@ApplicationScoped
public class DiscordGatewayRepository {

    /** A stored session; {@code sessionId} and {@code resumeUrl} null when the next connection must IDENTIFY. */
    public record StoredSession(String sessionId, String resumeUrl, long seq) {

        public boolean resumable() {
            return sessionId != null && resumeUrl != null;
        }
    }

    private static final String SAVE = """
            INSERT INTO ingress.discord_gateway_session AS s
                (tenant_id, connection_id, session_id, resume_url, seq, epoch, updated_at)
            SELECT $4, $5, $6, $7, $8, $3, now() WHERE %s
            ON CONFLICT (connection_id) DO UPDATE
                SET session_id = EXCLUDED.session_id, resume_url = EXCLUDED.resume_url, seq = EXCLUDED.seq,
                    epoch = EXCLUDED.epoch, updated_at = now()
                WHERE s.epoch <= EXCLUDED.epoch AND s.tenant_id = EXCLUDED.tenant_id""".formatted(
            ChannelLeases.TABLE.stillHeld(1));

    private static final String IDENTIFIED = """
            INSERT INTO ingress.discord_gateway_identify (tenant_id, connection_id, identified_at)
            SELECT $4, $5, now() WHERE %s""".formatted(ChannelLeases.TABLE.stillHeld(1));

    private final Pool pool;

    public DiscordGatewayRepository(Pool pool) {
        this.pool = pool;
    }

    /** The stored session of the connection; empty when it never connected. */
    public Uni<Optional<StoredSession>> find(String tenantId, String connectionId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery(
                "SELECT session_id, resume_url, seq FROM ingress.discord_gateway_session"
                        + " WHERE tenant_id = $1 AND connection_id = $2")
                .execute(Tuple.of(tenantId, connectionId))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.<StoredSession>empty();
                    }
                    Row row = it.next();
                    return Optional.of(new StoredSession(row.getString("session_id"), row.getString("resume_url"),
                            row.getLong("seq")));
                }));
    }

    /**
     * Stores the session if {@code lease} is still held (checked in the same statement); whether it was stored. False
     * means the lease is lost: stop.
     */
    public Uni<Boolean> save(String tenantId, String connectionId, Lease lease, StoredSession session) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery(SAVE)
                .execute(Tuple.tuple(List.of(lease.name(), lease.holder(), lease.epoch(), tenantId, connectionId))
                        .addValue(
                                session.sessionId())
                        .addValue(session.resumeUrl()).addValue(session.seq()))
                .map(rows -> rows.rowCount() == 1));
    }

    /**
     * Records an IDENTIFY about to be sent, if {@code lease} is still held; whether it was recorded (false: do not
     * send it). Entries older than {@code window} are removed on the way.
     */
    public Uni<Boolean> identified(String tenantId, String connectionId, Lease lease, Duration window) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery(
                "DELETE FROM ingress.discord_gateway_identify WHERE tenant_id = $1 AND connection_id = $2"
                        + " AND identified_at < now() - make_interval(secs => $3)")
                .execute(Tuple.of(tenantId, connectionId, (double) window.toSeconds()))
                .chain(() -> tx.preparedQuery(IDENTIFIED)
                        .execute(Tuple.tuple(List.of(lease.name(), lease.holder(), lease.epoch(), tenantId,
                                connectionId))))
                .map(rows -> rows.rowCount() == 1));
    }

    /** When each IDENTIFY of the connection within the last {@code window} was sent, oldest first. */
    public Uni<List<Instant>> identifies(String tenantId, String connectionId, Duration window) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery(
                "SELECT identified_at FROM ingress.discord_gateway_identify WHERE tenant_id = $1"
                        + " AND connection_id = $2 AND identified_at >= now() - make_interval(secs => $3)"
                        + " ORDER BY identified_at")
                .execute(Tuple.of(tenantId, connectionId, (double) window.toSeconds()))
                .map(rows -> {
                    List<Instant> at = new ArrayList<>();
                    for (Row row : rows) {
                        OffsetDateTime time = row.getOffsetDateTime("identified_at");
                        at.add(time.toInstant());
                    }
                    return at;
                }));
    }

    /** Forgets a deleted connection's session and IDENTIFY record. */
    public Uni<Void> delete(String tenantId, String connectionId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx
                .preparedQuery(
                        "DELETE FROM ingress.discord_gateway_session WHERE tenant_id = $1 AND connection_id = $2")
                .execute(Tuple.of(tenantId, connectionId))
                .chain(() -> tx.preparedQuery(
                        "DELETE FROM ingress.discord_gateway_identify WHERE tenant_id = $1 AND connection_id = $2")
                        .execute(Tuple.of(tenantId, connectionId)))
                .replaceWithVoid());
    }

    public Uni<Integer> deleteTenant(String tenantId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx
                .preparedQuery("DELETE FROM ingress.discord_gateway_session WHERE tenant_id = $1")
                .execute(Tuple.of(tenantId))
                .chain(sessions -> tx.preparedQuery("DELETE FROM ingress.discord_gateway_identify WHERE tenant_id = $1")
                        .execute(Tuple.of(tenantId))
                        .map(identifies -> sessions.rowCount() + identifies.rowCount())));
    }
}
