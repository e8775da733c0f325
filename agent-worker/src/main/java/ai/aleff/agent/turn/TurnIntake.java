package ai.aleff.agent.turn;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import ai.aleff.agent.events.TurnAudit;
import ai.aleff.agent.repository.HistoryRepository;
import ai.aleff.agent.repository.Turn;
import ai.aleff.agent.repository.TurnLineage;
import ai.aleff.agent.repository.TurnRepository;
import ai.aleff.agent.repository.TurnStatus;
import ai.aleff.agent.tenant.TenantGate;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.platform.events.CloudEvent;

/**
 * The first stage of a turn: admits an inbound message, then starts its turn, queues it behind its conversation's
 * unfinished turn, or resumes it after a redelivery.
 * <p>
 * Ordering policy: a message that arrives while its conversation has an unfinished turn is queued and becomes a
 * follow-up turn, strictly in arrival order, once the earlier turn has replied (see {@link TurnCompletion}).
 */
@ApplicationScoped
public class TurnIntake {

    private static final Logger LOG = Logger.getLogger(TurnIntake.class);

    private final TenantGate gate;
    private final TurnTransactions tx;
    private final TurnRepository turns;
    private final HistoryRepository history;
    private final TurnAudit audit;

    public TurnIntake(TenantGate gate, TurnTransactions tx, TurnRepository turns, HistoryRepository history,
            TurnAudit audit) {
        this.gate = gate;
        this.tx = tx;
        this.turns = turns;
        this.history = history;
        this.audit = audit;
    }

    /**
     * A message of a tenant that is unknown or disabled is refused: no model call, no reply, a
     * {@code message.refused} audit record.
     *
     * @return the turns left RUNNING, to advance
     */
    public Uni<List<String>> receive(MessageReceived message) {
        return gate.admit(message.tenantId()).chain(admission -> admission == TenantGate.Admission.ADMITTED
                ? accept(message)
                : refuse(message, admission));
    }

    private Uni<List<String>> refuse(MessageReceived message, TenantGate.Admission admission) {
        LOG.warnf("Message %s refused: %s %s", message.messageId(), admission, message.tenantId());
        CloudEvent<?> event = audit.messageRefused(message,
                admission == TenantGate.Admission.DISABLED_TENANT ? "tenant disabled" : "tenant unknown");
        return tx.commit(message.tenantId(),
                c -> tx.store(c, List.of(event)).replaceWith(new Step(List.of(event), Optional.empty())));
    }

    private Uni<List<String>> accept(MessageReceived message) {
        return tx.commit(message.tenantId(),
                c -> turns.lockConversation(c, message.tenantId(), message.conversationId())
                        .chain(() -> turns.find(c, message.messageId()))
                        .chain(existing -> existing.isPresent()
                                ? Uni.createFrom().item(resume(existing.get(), message))
                                : start(c, message)));
    }

    /** A redelivered message: its turn goes on only if it is still RUNNING (a worker died mid-step). */
    static Step resume(Turn turn, MessageReceived message) {
        // Row-level security already hides another tenant's turn from this transaction (its id then fails the
        // insert on the primary key and the message is dead-lettered); this check stays as the first line.
        if (!turn.tenantId().equals(message.tenantId())) {
            LOG.warnf("Message %s redelivered for another tenant; ignored", message.messageId());
            return Step.nothing();
        }
        return turn.status() == TurnStatus.RUNNING ? Step.advance(turn.turnId()) : Step.nothing();
    }

    private Uni<Step> start(SqlConnection c, MessageReceived message) {
        return turns.hasOpenTurn(c, message.tenantId(), message.conversationId()).chain(open -> {
            Turn turn = newTurn(message, open);
            Uni<Void> insert = turns.insert(c, turn);
            if (open) {
                return insert.replaceWith(Step.nothing());
            }
            return insert.chain(() -> TurnEntries.appendUser(c, history, turn))
                    .replaceWith(Step.advance(turn.turnId()));
        });
    }

    /** The turn of a new message: QUEUED behind an open turn of its conversation, else RUNNING at once. */
    static Turn newTurn(MessageReceived message, boolean conversationBusy) {
        return new Turn(message.messageId(), message.tenantId(), message.conversationId(), message.userId(),
                message.channel(), ModelUserText.of(message), conversationBusy ? TurnStatus.QUEUED : TurnStatus.RUNNING,
                0,
                TurnLineage.ROOT, message.userVerified());
    }
}
