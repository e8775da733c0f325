package ai.aleff.ingress.repository;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.platform.database.RowScope;

/**
 * Fixed-window hit counters ({@code ingress.rate_window}) shared by every ingress instance: one row per tenant,
 * counter, subject and window, counted with the database's clock so that instances agree on the windows. The
 * statements run in the caller's tenant transaction (see {@link RowScope#inTenant}), so a refusal later in that
 * transaction takes back the hits counted before it.
 */
@ApplicationScoped
public class RateWindowRepository {

    private final Pool pool;

    public RateWindowRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Counts the message against its limits, all or nothing: the first limit already reached refuses it, and then no
     * hit of the message is counted and its conversation is not registered as started.
     */
    public Uni<Optional<RateRefusal>> admitMessage(MessageHit hit) {
        return RowScope.inTenant(pool, hit.tenantId(), tx -> count(tx, hit, hit.counters(), 0))
                .map(done -> Optional.<RateRefusal>empty())
                .onFailure(Refused.class)
                .recoverWithItem(e -> Optional.of(((Refused) e).refusal));
    }

    private static Uni<Void> count(SqlClient tx, MessageHit message, List<MessageHit.Counter> counters, int next) {
        if (next == counters.size()) {
            return Uni.createFrom().voidItem();
        }
        MessageHit.Counter counter = counters.get(next);
        Uni<Boolean> applies = counter.perConversation()
                ? startConversation(tx, message.tenantId(), message.conversationId())
                : Uni.createFrom().item(true);
        return applies.chain(counted -> !counted
                ? count(tx, message, counters, next + 1)
                : hit(tx, message.tenantId(), counter)
                        .chain(hits -> hits != null
                                ? count(tx, message, counters, next + 1)
                                : secondsUntilNext(tx, message.tenantId(), counter).chain(seconds -> Uni.createFrom()
                                        .failure(new Refused(new RateRefusal(counter.name(), counter.limit(),
                                                seconds))))));
    }

    /** Rolls the admission's transaction back. */
    private static final class Refused extends RuntimeException {

        final RateRefusal refusal;

        Refused(RateRefusal refusal) {
            super(refusal.counter(), null, false, false);
            this.refusal = refusal;
        }
    }

    /**
     * Counts one hit in the counter's current window ({@code minute} or {@code day}, UTC) unless the window already
     * has the hits its pace allows by now (see {@link MessageHit.Pace}; at most the limit); an empty result means
     * refused, otherwise the hits now in the window.
     */
    private static Uni<Integer> hit(SqlClient tx, String tenantId, MessageHit.Counter counter) {
        return tx.preparedQuery("""
                INSERT INTO ingress.rate_window AS w (tenant_id, counter, subject, window_start, hits)
                VALUES ($1, $2, $3, date_trunc($4, now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', 1)
                ON CONFLICT (tenant_id, counter, subject, window_start) DO UPDATE SET hits = w.hits + 1
                WHERE w.hits < least($5, greatest($7, ceil($5 * ($6 + extract(epoch FROM now() - w.window_start)
                    / extract(epoch FROM ('1 ' || $4)::interval)))))
                RETURNING hits""")
                .execute(Tuple.tuple(List.of(tenantId, counter.name(), counter.subject(), counter.unit(),
                        counter.limit(), counter.pace().burstFraction(), counter.pace().minBurst())))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getInteger("hits"));
    }

    /**
     * Whole seconds (at least 1) until the refused counter allows another hit: the window's end when it holds its
     * limit, else the moment its pace allows one more.
     */
    private static Uni<Long> secondsUntilNext(SqlClient tx, String tenantId, MessageHit.Counter counter) {
        return tx.preparedQuery("""
                SELECT greatest(1, ceil(CASE WHEN w.hits >= $5
                    THEN extract(epoch FROM w.window_start + ('1 ' || $4)::interval - clock_timestamp())
                    ELSE extract(epoch FROM ('1 ' || $4)::interval) * (w.hits::float8 / $5 - $6)
                        - extract(epoch FROM clock_timestamp() - w.window_start) END))::bigint AS seconds
                FROM ingress.rate_window w WHERE w.tenant_id = $1 AND w.counter = $2 AND w.subject = $3
                  AND w.window_start = date_trunc($4, now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'""")
                .execute(Tuple.tuple(List.of(tenantId, counter.name(), counter.subject(), counter.unit(),
                        counter.limit(), counter.pace().burstFraction())))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next().getLong("seconds") : 1L);
    }

    /**
     * Registers the conversation as started unless it was; whether it is new. A new one is counted by the caller,
     * whose refusal rolls the registration back with the hit.
     */
    private static Uni<Boolean> startConversation(SqlClient tx, String tenantId, String conversationId) {
        return tx.preparedQuery("""
                INSERT INTO ingress.conversation_start (tenant_id, conversation_id) VALUES ($1, $2)
                ON CONFLICT (tenant_id, conversation_id) DO NOTHING""")
                .execute(Tuple.of(tenantId, conversationId))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Deletes the windows that started before {@code age} ago, of every tenant; the rows deleted. */
    public Uni<Integer> purgeOlderThan(Duration age) {
        return RowScope.acrossTenants(pool, tx -> tx.preparedQuery("""
                DELETE FROM ingress.rate_window WHERE window_start < now() - make_interval(secs => $1)""")
                .execute(Tuple.of((double) age.toSeconds()))
                .map(rows -> rows.rowCount()));
    }

    /** Erases every counter and conversation registration of a deleted tenant; the rows deleted. */
    public Uni<Integer> deleteTenant(String tenantId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx
                .preparedQuery("DELETE FROM ingress.rate_window WHERE tenant_id = $1")
                .execute(Tuple.of(tenantId))
                .flatMap(windows -> tx.preparedQuery("DELETE FROM ingress.conversation_start WHERE tenant_id = $1")
                        .execute(Tuple.of(tenantId))
                        .map(starts -> windows.rowCount() + starts.rowCount())));
    }
}
