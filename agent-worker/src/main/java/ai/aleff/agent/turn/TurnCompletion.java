package ai.aleff.agent.turn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import ai.aleff.agent.events.TurnAudit;
import ai.aleff.agent.model.ModelOutcome;
import ai.aleff.agent.repository.HistoryRepository;
import ai.aleff.agent.repository.ToolCallRepository;
import ai.aleff.agent.repository.Turn;
import ai.aleff.agent.repository.TurnRepository;
import ai.aleff.agent.repository.TurnStatus;
import ai.aleff.agent.session.SessionCommand;
import ai.aleff.agent.session.SessionCommands;
import ai.aleff.agent.tenant.AssistantProfile;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.metrics.PlatformMeters;

/**
 * The last stage of a turn, after its guarded move to DONE: a user's turn replies (the reply and audit events, the
 * answer in the history) and starts its conversation's next queued turn; a child turn answers its parent's call.
 */
@ApplicationScoped
public class TurnCompletion {

    /** What a session command's reply names as its model: none was called. */
    static final String COMMAND_MODEL = "none";

    private final TurnTransactions tx;
    private final TurnRepository turns;
    private final HistoryRepository history;
    private final ToolCallRepository toolCalls;
    private final ToolResults results;
    private final SessionCommands commands;
    private final TurnAudit audit;
    private final PlatformMeters meters;

    public TurnCompletion(TurnTransactions tx, TurnRepository turns, HistoryRepository history,
            ToolCallRepository toolCalls, ToolResults results, SessionCommands commands, TurnAudit audit,
            PlatformMeters meters) {
        this.tx = tx;
        this.turns = turns;
        this.history = history;
        this.toolCalls = toolCalls;
        this.results = results;
        this.commands = commands;
        this.audit = audit;
        this.meters = meters;
    }

    /** Ends a turn with the model's answer or a failure, told to the user as {@code text}. */
    Uni<Step> finish(SqlConnection c, Turn turn, ModelOutcome outcome, String text, String modelName) {
        if (turn.isChild()) {
            return finishChild(c, turn, outcome);
        }
        return tx.guarded(c, turn, TurnStatus.DONE, () -> timed(c, turn,
                outcome instanceof ModelOutcome.Failure ? "failure" : "answer",
                reply(c, turn, text, modelName, endEvents(turn, outcome), true)));
    }

    /**
     * Ends a turn without calling a model (its tenant's token quota is spent): a user's turn replies {@code text},
     * which stays out of the history (the model never said it); a child turn fails its parent's call with
     * {@code cause}. {@code notices} are stored and published with it.
     */
    Uni<Step> refuse(SqlConnection c, Turn turn, String cause, String text, List<CloudEvent<?>> notices) {
        if (turn.isChild()) {
            return tx.store(c, notices)
                    .chain(() -> finishChild(c, turn, new ModelOutcome.Failure(cause)))
                    .map(step -> step.withEvents(notices));
        }
        List<CloudEvent<?>> leading = new ArrayList<>(notices);
        leading.add(audit.turnFailed(turn, cause));
        return tx.guarded(c, turn, TurnStatus.DONE,
                () -> timed(c, turn, "refused", reply(c, turn, text, COMMAND_MODEL, leading, false)));
    }

    /** Records the turn's latency once its end is written (only by the worker whose guarded transition won). */
    private Uni<Step> timed(SqlConnection c, Turn turn, String outcome, Uni<Step> end) {
        return end.call(() -> turns.age(c, turn.turnId())
                .invoke(age -> meters.turn(turn.tenantId(), outcome, age)));
    }

    /** A session command is answered without a model; it stays out of the history. */
    Uni<Step> answerCommand(SqlConnection c, Turn turn, SessionCommand command, AssistantProfile profile) {
        return tx.guarded(c, turn, TurnStatus.DONE, () -> commands.run(c, command, turn, profile)
                .chain(result -> reply(c, turn, result.reply(), COMMAND_MODEL,
                        List.of(audit.action(turn, command.auditAction(), turn.turnId(), result.auditDetail())),
                        false)));
    }

    /** The audit of a user's turn's end: its failure, or the model call that answered it. */
    List<CloudEvent<?>> endEvents(Turn turn, ModelOutcome outcome) {
        return switch (outcome) {
            case ModelOutcome.Failure failure -> List.of(audit.turnFailed(turn, failure.cause()));
            case ModelOutcome.Answer answer -> List.of(audit.modelCalled(turn, answer.usage()));
            case ModelOutcome.ToolCalls calls -> List.of();
        };
    }

    /**
     * A child turn's end: its final text, or its failure as an error result, answers the parent's call, which
     * resumes the parent like any tool result; nothing is sent to the user. The child's DONE transition and the
     * call's PENDING guard make this happen once.
     */
    private Uni<Step> finishChild(SqlConnection c, Turn child, ModelOutcome outcome) {
        return tx.guarded(c, child, TurnStatus.DONE, () -> {
            ChildResult ended = childResult(child, outcome);
            return history.append(c, TurnEntries.answer(child, ended.result()))
                    .chain(() -> tx.store(c, ended.events()))
                    .chain(() -> toolCalls.complete(c, child.lineage().parentCallId(), child.tenantId(),
                            ended.result()))
                    .chain(done -> done.isEmpty()
                            ? Uni.createFrom().item(Step.nothing())
                            : results.record(c, done.get(), ended.result()))
                    .map(parent -> new Step(ended.events(), parent.next()));
        });
    }

    /** What a child turn's end answers its parent's call with, and its audit. */
    record ChildResult(String result, List<CloudEvent<?>> events) {
    }

    ChildResult childResult(Turn child, ModelOutcome outcome) {
        if (outcome instanceof ModelOutcome.Answer answer) {
            return new ChildResult(answer.text(),
                    List.of(audit.modelCalled(child, answer.usage()), audit.subagentCompleted(child)));
        }
        String cause = outcome instanceof ModelOutcome.Failure failure ? failure.cause() : "no answer";
        return new ChildResult("ERROR: the subagent " + child.lineage().subagent() + " did not finish (" + cause + ")",
                List.of(audit.subagentFailed(child, cause)));
    }

    /**
     * The writes of a user's turn's last step: the reply and audit events, the answer in the history (not for
     * session commands, which the model never sees), and the start of the next queued turn.
     */
    private Uni<Step> reply(SqlConnection c, Turn turn, String text, String modelName, List<CloudEvent<?>> leading,
            boolean appendToHistory) {
        Instant now = Instant.now();
        String replyId = TurnIds.replyId(turn.turnId());
        List<CloudEvent<?>> events = new ArrayList<>(leading);
        events.add(CloudEvent.of(audit.service(), replyId, turn.tenantId(), turn.conversationId(), now,
                new ReplyReady(replyId, turn.tenantId(), turn.conversationId(), turn.turnId(), turn.channel(),
                        text, modelName, now)));
        events.add(audit.replyPublished(turn, replyId, modelName));
        Uni<Void> answer = appendToHistory
                ? history.append(c, TurnEntries.answer(turn, text))
                : Uni.createFrom().voidItem();
        return answer
                .chain(() -> tx.store(c, events))
                .chain(() -> promoteNext(c, turn))
                .map(next -> new Step(events, next));
    }

    /** Starts the conversation's next queued message, now that this turn has replied. */
    private Uni<Optional<String>> promoteNext(SqlConnection c, Turn finished) {
        return turns.oldestQueued(c, finished.tenantId(), finished.conversationId()).chain(queued -> {
            if (queued.isEmpty()) {
                return Uni.createFrom().item(Optional.<String>empty());
            }
            Turn next = queued.get();
            return turns.transition(c, next.turnId(), TurnStatus.QUEUED, 0, TurnStatus.RUNNING, 0)
                    .chain(() -> TurnEntries.appendUser(c, history, next))
                    .replaceWith(Optional.of(next.turnId()));
        });
    }
}
