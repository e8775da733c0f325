package ai.aleff.agent.turn;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

import ai.aleff.agent.repository.Turn;
import ai.aleff.agent.repository.TurnRepository;
import ai.aleff.agent.repository.TurnStatus;
import ai.aleff.platform.database.RowScope;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.outbox.Outbox;

/**
 * How every stage of a turn writes: its state change and the events it causes commit in one transaction, under the
 * conversation's lock and guarded by the turn's status and iteration, so a redelivered message or result can never
 * append twice; the events are published after the commit, and the turns the commit left RUNNING are handed back
 * to the caller to advance (see {@link TurnService}), never advanced from in here. Every transaction is limited to
 * the turn's tenant (row-level security, {@link RowScope}); a turn's follow-ups and child turns are its tenant's too.
 */
@ApplicationScoped
public class TurnTransactions {

    private static final Logger LOG = Logger.getLogger(TurnTransactions.class);

    private final Pool pool;
    private final TurnRepository turns;
    private final Outbox outbox;

    public TurnTransactions(Pool pool, TurnRepository turns, Outbox outbox) {
        this.pool = pool;
        this.turns = turns;
        this.outbox = outbox;
    }

    /** {@code work}, reading outside a step's commit, in a transaction that sees only {@code tenantId}'s rows. */
    <T> Uni<T> read(String tenantId, Function<SqlConnection, Uni<T>> work) {
        return RowScope.inTenant(pool, tenantId, work);
    }

    /**
     * Commits {@code work} in a transaction that sees only {@code tenantId}'s rows, then publishes the events it
     * stored.
     *
     * @return the turns the commit left RUNNING (all of {@code tenantId}), to advance next
     */
    Uni<List<String>> commit(String tenantId, Function<SqlConnection, Uni<Step>> work) {
        return RowScope.inTenant(pool, tenantId, work)
                .chain(step -> outbox.publish(step.events()).replaceWith(step.toAdvance()));
    }

    /**
     * Applies a step only if the turn is still RUNNING at the iteration it was read at, moving it to {@code to}: a
     * concurrent or duplicate worker that got there first wins and this one does nothing.
     */
    Uni<Step> guarded(SqlConnection c, Turn turn, TurnStatus to, Supplier<Uni<Step>> writes) {
        return turns.lockConversation(c, turn.tenantId(), turn.conversationId())
                .chain(() -> turns.transition(c, turn.turnId(), TurnStatus.RUNNING, turn.iteration(), to,
                        turn.iteration()))
                .chain(moved -> {
                    if (!moved) {
                        LOG.debugf("Turn %s moved on meanwhile; dropping a duplicate step", turn.turnId());
                        return Uni.createFrom().item(Step.nothing());
                    }
                    return writes.get();
                });
    }

    /** Adds events to the transaction's outbox, in order. */
    Uni<Void> store(SqlConnection c, List<CloudEvent<?>> events) {
        return outbox.add(c, events);
    }
}
