package ai.aleff.agent.turn;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import ai.aleff.agent.config.AgentSettings;
import ai.aleff.agent.events.TurnAudit;
import ai.aleff.agent.repository.HistoryRepository;
import ai.aleff.agent.repository.ToolCall;
import ai.aleff.agent.repository.ToolCallRepository;
import ai.aleff.agent.repository.TurnRepository;
import ai.aleff.agent.repository.TurnStatus;
import ai.aleff.contracts.events.ToolCallCompleted;
import ai.aleff.platform.events.CloudEvent;

/**
 * The results of a tool round, from tool-executor, the timeout sweeper or a child turn: each answers its call once
 * (the call's PENDING guard), and the turn takes its next model step once every call of its round is answered.
 */
@ApplicationScoped
public class ToolResults {

    private final TurnTransactions tx;
    private final TurnRepository turns;
    private final ToolCallRepository toolCalls;
    private final HistoryRepository history;
    private final TurnAudit audit;
    private final AgentSettings settings;

    public ToolResults(TurnTransactions tx, TurnRepository turns, ToolCallRepository toolCalls,
            HistoryRepository history, TurnAudit audit, AgentSettings settings) {
        this.tx = tx;
        this.turns = turns;
        this.toolCalls = toolCalls;
        this.history = history;
        this.audit = audit;
        this.settings = settings;
    }

    /** @return the turns left RUNNING, to advance */
    public Uni<List<String>> onResult(ToolCallCompleted completed) {
        return complete(completed.tenantId(), completed.conversationId(), completed.callId(), resultText(completed),
                List.of());
    }

    /** An error result for a call overdue by {@code aleff.agent.tool-timeout}; whichever result is first wins. */
    public Uni<List<String>> onTimeout(ToolCallRepository.OverdueCall call) {
        String resultText = "ERROR: tool " + call.toolName() + " timed out after "
                + settings.toolTimeout().toSeconds() + " s";
        CloudEvent<?> timedOut = audit.toolTimedOut(call.tenantId(), call.conversationId(), call.callId(),
                call.toolName());
        return complete(call.tenantId(), call.conversationId(), call.callId(), resultText, List.of(timedOut));
    }

    /** What the model is told a tool returned. */
    static String resultText(ToolCallCompleted completed) {
        return completed.status() == ToolCallCompleted.Status.OK
                ? String.valueOf(completed.result())
                : "ERROR: " + (completed.error() == null ? "the tool failed" : completed.error());
    }

    private Uni<List<String>> complete(String tenantId, String conversationId, String callId, String resultText,
            List<CloudEvent<?>> extraEvents) {
        return tx.commit(tenantId, c -> turns.lockConversation(c, tenantId, conversationId)
                .chain(() -> toolCalls.complete(c, callId, tenantId, resultText))
                .chain(done -> done.isEmpty()
                        ? Uni.createFrom().item(Step.nothing())
                        : tx.store(c, extraEvents).chain(() -> record(c, done.get(), resultText))
                                .map(step -> step.withEvents(extraEvents))));
    }

    /** Appends an answered call's result; the last result of a round moves its turn to its next iteration. */
    Uni<Step> record(SqlConnection c, ToolCall call, String resultText) {
        return turns.find(c, call.turnId()).chain(found -> history
                .append(c, TurnEntries.tool(found.orElseThrow(), call, resultText))
                .chain(() -> toolCalls.pendingCount(c, call.turnId(), call.iteration()))
                .chain(pending -> pending > 0
                        ? Uni.createFrom().item(Step.nothing())
                        : turns.transition(c, call.turnId(), TurnStatus.WAITING_TOOLS, call.iteration(),
                                TurnStatus.RUNNING, call.iteration() + 1)
                                .map(moved -> moved ? Step.advance(call.turnId()) : Step.nothing())));
    }
}
