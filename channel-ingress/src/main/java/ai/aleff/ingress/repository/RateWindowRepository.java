package ai.aleff.ingress.repository;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.platform.database.RowScope;

/**
 * Fixed-window hit counters ({@code ingress.rate_window}) shared by every ingress instance: one row per tenant,
 * counter, subject and window, counted with the database's clock so that instances agree on the windows.
 */
@ApplicationScoped
public class RateWindowRepository {

    private final Pool pool;

    public RateWindowRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Counts the message against its limits, all or nothing: the first limit already reached refuses it, and then no
     * hit of the message is counted and its conversation is not registered as started. One statement, the
     * {@code ingress.admit_message} function (V4), because the hot path cannot afford a round trip per counter.
     */
    public Uni<Optional<RateRefusal>> admitMessage(MessageHit hit) {
        List<MessageHit.Counter> counters = hit.counters();
        int n = counters.size();
        String[] names = new String[n];
        String[] subjects = new String[n];
        String[] units = new String[n];
        Integer[] limits = new Integer[n];
        Boolean[] perConversation = new Boolean[n];
        Double[] burst = new Double[n];
        Integer[] minBurst = new Integer[n];
        for (int i = 0; i < n; i++) {
            MessageHit.Counter counter = counters.get(i);
            names[i] = counter.name();
            subjects[i] = counter.subject();
            units[i] = counter.unit();
            limits[i] = counter.limit();
            perConversation[i] = counter.perConversation();
            burst[i] = counter.pace().burstFraction();
            minBurst[i] = counter.pace().minBurst();
        }
        return pool.preparedQuery("SELECT * FROM ingress.admit_message($1, $2, $3, $4, $5, $6, $7, $8, $9)")
                .execute(Tuple.tuple(List.of(hit.tenantId(), hit.conversationId(), names, subjects, units, limits,
                        perConversation, burst, minBurst)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.<RateRefusal>empty();
                    }
                    Row refused = rows.iterator().next();
                    String name = refused.getString("refused_counter");
                    int limit = counters.stream().filter(c -> c.name().equals(name)).findFirst()
                            .map(MessageHit.Counter::limit).orElse(0);
                    return Optional.of(new RateRefusal(name, limit, Math.max(1, refused.getLong("retry_after"))));
                });
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
