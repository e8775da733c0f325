package ai.aleff.ingress.repository;

import java.time.Duration;
import java.util.Collection;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.platform.database.RowScope;

/**
 * Leases of open event streams ({@code ingress.stream_lease}), one per stream, shared by every ingress instance. A
 * lease lives until its expiry unless renewed, so the streams of an instance that died free their places by
 * themselves.
 */
@ApplicationScoped
public class StreamLeaseRepository {

    private final Pool pool;

    public StreamLeaseRepository(Pool pool) {
        this.pool = pool;
    }

    /** What taking a lease did. */
    public enum Taken {
        TAKEN, TENANT_FULL, HOLDER_FULL
    }

    /**
     * Takes a lease for {@code ttl} unless the tenant holds {@code limit} unexpired ones; whether it was taken. The
     * tenant's leases are counted under a transaction-scoped advisory lock, so two instances cannot both take the
     * last place.
     */
    public Uni<Boolean> acquire(String tenantId, UUID leaseId, int limit, Duration ttl) {
        return acquire(tenantId, leaseId, limit, null, 0, ttl).map(taken -> taken == Taken.TAKEN);
    }

    /**
     * As {@link #acquire(String, UUID, int, Duration)}, and also refused when {@code holder} (a widget visitor's
     * conversation; null for none) holds {@code holderLimit} of the tenant's leases.
     */
    public Uni<Taken> acquire(String tenantId, UUID leaseId, int limit, String holder, int holderLimit,
            Duration ttl) {
        return RowScope.inTenant(pool, tenantId, tx -> tx
                .preparedQuery("SELECT pg_advisory_xact_lock(hashtextextended('ingress.stream_lease:' || $1, 0))")
                .execute(Tuple.of(tenantId))
                .chain(() -> tx.preparedQuery("DELETE FROM ingress.stream_lease WHERE tenant_id = $1 "
                        + "AND expires_at < now()").execute(Tuple.of(tenantId)))
                .chain(() -> tx.preparedQuery("""
                        WITH open AS (
                            SELECT count(*) AS tenant_open,
                                   count(*) FILTER (WHERE holder = $5::text) AS holder_open
                            FROM ingress.stream_lease WHERE tenant_id = $1),
                        taken AS (
                            INSERT INTO ingress.stream_lease (tenant_id, lease_id, expires_at, holder)
                            SELECT $1, $2, now() + make_interval(secs => $3), $5::text FROM open
                            WHERE tenant_open < $4 AND ($5::text IS NULL OR holder_open < $6)
                            RETURNING 1)
                        SELECT tenant_open, (SELECT count(*) FROM taken) AS taken FROM open""")
                        .execute(Tuple.from(new Object[]{tenantId, leaseId, (double) ttl.toMillis() / 1000, limit,
                                holder, holderLimit})))
                .map(rows -> {
                    var row = rows.iterator().next();
                    if (row.getLong("taken") == 1) {
                        return Taken.TAKEN;
                    }
                    return row.getLong("tenant_open") >= limit ? Taken.TENANT_FULL : Taken.HOLDER_FULL;
                }));
    }

    /** Extends these leases (of any tenant) to {@code ttl} from now; the number still held. */
    public Uni<Integer> renew(Collection<UUID> leaseIds, Duration ttl) {
        return RowScope.acrossTenants(pool, tx -> tx.preparedQuery("""
                UPDATE ingress.stream_lease SET expires_at = now() + make_interval(secs => $2)
                WHERE lease_id = ANY($1)""")
                .execute(Tuple.of(leaseIds.toArray(UUID[]::new), (double) ttl.toMillis() / 1000))
                .map(rows -> rows.rowCount()));
    }

    public Uni<Void> release(String tenantId, UUID leaseId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx
                .preparedQuery("DELETE FROM ingress.stream_lease WHERE tenant_id = $1 AND lease_id = $2")
                .execute(Tuple.of(tenantId, leaseId))
                .replaceWithVoid());
    }

    /** Deletes expired leases of every tenant; the rows deleted. */
    public Uni<Integer> purgeExpired() {
        return RowScope.acrossTenants(pool, tx -> tx
                .preparedQuery("DELETE FROM ingress.stream_lease WHERE expires_at < now()")
                .execute()
                .map(rows -> rows.rowCount()));
    }

    public Uni<Integer> deleteTenant(String tenantId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx
                .preparedQuery("DELETE FROM ingress.stream_lease WHERE tenant_id = $1")
                .execute(Tuple.of(tenantId))
                .map(rows -> rows.rowCount()));
    }
}
