package ai.aleff.platform.lease;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Single-holder leases in a PostgreSQL table of the {@link LeaseTable} layout: for work that must run on exactly one
 * instance at a time (a Telegram bot's {@code getUpdates} loop, later Slack Socket Mode and Discord Gateway
 * connections) and move to another instance when its holder dies.
 * <p>
 * Acquire, renew and release are single statements timed by the database's {@code now()}. Each acquire by a new
 * holder raises the lease's epoch, the fencing token: a holder guards its durable writes with
 * {@link LeaseTable#stillHeld(int)} so that, once deposed, it cannot write any more, whatever it still believes.
 * Holders use {@link #tryHold} (which renews in the background and says when the lease is lost) rather than the
 * single statements. The table is the caller's (one per service, in its own schema), like the outbox's.
 */
public class Leases {

    private final Pool pool;
    private final LeaseTable table;

    public Leases(Pool pool, LeaseTable table) {
        this.pool = pool;
        this.table = table;
    }

    public LeaseTable table() {
        return table;
    }

    /** Takes {@code name} for {@code holder} for {@code ttl} unless someone else holds it unexpired. */
    public Uni<Optional<Lease>> tryAcquire(String name, String holder, Duration ttl) {
        return pool.preparedQuery(table.acquire())
                .execute(Tuple.of(name, holder, seconds(ttl)))
                .map(rows -> first(rows).map(row -> new Lease(name, holder, row.getLong("epoch"),
                        row.getOffsetDateTime("expires_at").toInstant())));
    }

    /** Extends {@code lease} to {@code ttl} from now; empty when it expired or another holder took it (it is lost). */
    public Uni<Optional<Lease>> renew(Lease lease, Duration ttl) {
        return pool.preparedQuery(table.renew())
                .execute(Tuple.of(lease.name(), lease.holder(), lease.epoch(), seconds(ttl)))
                .map(rows -> first(rows).map(row -> new Lease(lease.name(), lease.holder(), lease.epoch(),
                        row.getOffsetDateTime("expires_at").toInstant())));
    }

    /** Ends {@code lease} now, so another instance may take it at once; whether it was still held. */
    public Uni<Boolean> release(Lease lease) {
        return pool.preparedQuery(table.release())
                .execute(Tuple.of(lease.name(), lease.holder(), lease.epoch()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Who holds (or last held) {@code name}; empty when it was never taken. */
    public Uni<Optional<LeaseState>> current(String name) {
        return pool.preparedQuery(table.current())
                .execute(Tuple.of(name))
                .map(rows -> first(rows).map(row -> new LeaseState(row.getString("holder"), row.getLong("epoch"),
                        row.getOffsetDateTime("expires_at").toInstant(), row.getBoolean("held"))));
    }

    /**
     * Forgets {@code name} for good: only when what it guarded is gone and its name is never used again (a deleted
     * connection), because a new row starts again at epoch 1.
     */
    public Uni<Void> delete(String name) {
        return pool.preparedQuery(table.delete()).execute(Tuple.of(name)).replaceWithVoid();
    }

    /**
     * Blocking, for a virtual thread: takes {@code name} if free and keeps renewing it every
     * {@code timing.renewInterval()} until {@link HeldLease#close()}. {@code onLost} runs once, on the renewing
     * thread, as soon as a renewal finds the lease gone or the holder's own deadline passes without one: the holder
     * must stop its work at once.
     */
    public Optional<HeldLease> tryHold(String name, String holder, LeaseTiming timing, Runnable onLost) {
        long sentAt = System.nanoTime();
        return tryAcquire(name, holder, timing.ttl())
                .await()
                .atMost(timing.ttl())
                .map(lease -> HeldLease.start(this, lease, sentAt, timing, onLost));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static Optional<Row> first(RowSet<Row> rows) {
        var iterator = rows.iterator();
        return iterator.hasNext() ? Optional.of(iterator.next()) : Optional.empty();
    }
}
