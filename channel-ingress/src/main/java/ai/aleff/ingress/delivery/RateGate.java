package ai.aleff.ingress.delivery;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.platform.database.RowScope;

/**
 * Send pacing shared by every delivery instance ({@code ingress.delivery_rate}): each key (a chat, a group, a bot, a
 * WhatsApp number) has the earliest time its next message may go. A send takes all its keys at once or none: in one
 * transaction each key's time is moved on only if it has passed, and when one has not the transaction rolls back,
 * so a refused send costs no key a slot. Keys are taken in a fixed order, so two sends never deadlock.
 */
@ApplicationScoped
public class RateGate {

    private final Pool pool;

    public RateGate(Pool pool) {
        this.pool = pool;
    }

    /** A key and the spacing between two messages under it. */
    public record Key(String name, double gapSeconds) {
    }

    /** Takes a slot of every key; empty when taken, else the seconds to wait before trying again. */
    public Uni<Optional<Double>> take(String tenantId, List<Key> keys) {
        List<Key> ordered = keys.stream().sorted(Comparator.comparing(Key::name)).toList();
        return RowScope.inTenant(pool, tenantId, tx -> takeAll(tx, tenantId, ordered, 0))
                .map(ignored -> Optional.<Double>empty())
                .onFailure(Busy.class).recoverWithItem(error -> Optional.of(((Busy) error).waitSeconds));
    }

    /** No message under {@code key} before {@code seconds} from now (the platform's {@code retry_after}). */
    public Uni<Void> hold(String tenantId, String key, double seconds) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("""
                INSERT INTO ingress.delivery_rate AS r (tenant_id, rate_key, next_allowed_at)
                VALUES ($1, $2, clock_timestamp() + make_interval(secs => $3))
                ON CONFLICT (tenant_id, rate_key) DO UPDATE
                SET next_allowed_at = greatest(r.next_allowed_at, excluded.next_allowed_at)""")
                .execute(Tuple.of(tenantId, key, seconds))
                .replaceWithVoid());
    }

    private Uni<Void> takeAll(SqlConnection tx, String tenantId, List<Key> keys, int i) {
        if (i == keys.size()) {
            return Uni.createFrom().voidItem();
        }
        Key key = keys.get(i);
        return tx.preparedQuery("""
                INSERT INTO ingress.delivery_rate AS r (tenant_id, rate_key, next_allowed_at)
                VALUES ($1, $2, clock_timestamp() + make_interval(secs => $3))
                ON CONFLICT (tenant_id, rate_key) DO UPDATE SET next_allowed_at = excluded.next_allowed_at
                WHERE r.next_allowed_at <= clock_timestamp()
                RETURNING 1""")
                .execute(Tuple.of(tenantId, key.name(), key.gapSeconds()))
                .chain(rows -> {
                    if (rows.size() == 1) {
                        return takeAll(tx, tenantId, keys, i + 1);
                    }
                    return tx.preparedQuery("""
                            SELECT extract(epoch FROM next_allowed_at - clock_timestamp())::float8 AS wait_s
                            FROM ingress.delivery_rate WHERE tenant_id = $1 AND rate_key = $2""")
                            .execute(Tuple.of(tenantId, key.name()))
                            .chain(wait -> Uni.createFrom().failure(new Busy(
                                    Math.max(0.01, wait.iterator().next().getDouble("wait_s")))));
                });
    }

    /** Rolls the transaction back: a key is not free yet. */
    private static final class Busy extends RuntimeException {
        private final double waitSeconds;

        Busy(double waitSeconds) {
            super(null, null, false, false);
            this.waitSeconds = waitSeconds;
        }
    }
}
