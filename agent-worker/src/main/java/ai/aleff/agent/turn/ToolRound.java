package ai.aleff.agent.turn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import dev.langchain4j.agent.tool.ToolExecutionRequest;

import ai.aleff.agent.delegation.ToolRoute;
import ai.aleff.agent.delegation.ToolRouter;
import ai.aleff.agent.events.TurnAudit;
import ai.aleff.agent.history.HistoryMapper;
import ai.aleff.agent.model.ModelOutcome;
import ai.aleff.agent.repository.HistoryEntry;
import ai.aleff.agent.repository.HistoryRepository;
import ai.aleff.agent.repository.ToolCall;
import ai.aleff.agent.repository.ToolCallRepository;
import ai.aleff.agent.repository.Turn;
import ai.aleff.agent.repository.TurnLineage;
import ai.aleff.agent.repository.TurnRepository;
import ai.aleff.agent.repository.TurnStatus;
import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.tracing.ToolSpans;

/**
 * The tool round: records the model's tool requests and routes each one (see {@link ToolRouter}) with the step's
 * snapshot: REMOTE calls are published to tool-executor, LOCAL ones are answered in this transaction, DELEGATE ones
 * start a child turn whose final text will answer the call. Every call is a tool_call row, so the "all results in,
 * next model call" step is the same for all three (see {@link ToolResults}); when every result is already in, the
 * turn moves on at once.
 */
@ApplicationScoped
public class ToolRound {

    private final TurnTransactions tx;
    private final TurnRepository turns;
    private final ToolCallRepository toolCalls;
    private final HistoryRepository history;
    private final HistoryMapper mapper;
    private final ToolRouter router;
    private final TurnAudit audit;

    public ToolRound(TurnTransactions tx, TurnRepository turns, ToolCallRepository toolCalls,
            HistoryRepository history, HistoryMapper mapper, ToolRouter router, TurnAudit audit) {
        this.tx = tx;
        this.turns = turns;
        this.toolCalls = toolCalls;
        this.history = history;
        this.mapper = mapper;
        this.router = router;
        this.audit = audit;
    }

    /**
     * What a round writes, decided before anything is written.
     *
     * @param identified the model's requests with an id and arguments each, as the history keeps them
     * @param calls one row per request, in the model's order
     * @param answered the calls the worker answers itself, with their results
     * @param children the child turns started for delegated calls
     * @param events the events of the round, in publishing order
     */
    record Plan(List<ToolExecutionRequest> identified, List<ToolCall> calls, Map<ToolCall, String> answered,
            List<Turn> children, List<CloudEvent<?>> events) {

        /** Whether every call is answered already, so the turn goes on without waiting. */
        boolean complete() {
            return answered.size() == calls.size();
        }
    }

    Uni<Step> request(SqlConnection c, StepContext context, ModelOutcome.ToolCalls step) {
        Turn turn = context.turn();
        return tx.guarded(c, turn, TurnStatus.WAITING_TOOLS,
                () -> write(c, turn, plan(turn, context.assistant(), step, Instant.now(), context.memoryAllowed())));
    }

    Plan plan(Turn turn, AssistantConfiguration assistant, ModelOutcome.ToolCalls step, Instant now) {
        return plan(turn, assistant, step, now, false);
    }

    /**
     * @param memoryAllowed whether this turn may use memory tools; tool-executor refuses them without it, also when
     *        the model names one it was not offered
     */
    Plan plan(Turn turn, AssistantConfiguration assistant, ModelOutcome.ToolCalls step, Instant now,
            boolean memoryAllowed) {
        List<ToolExecutionRequest> requests = step.requests();
        List<ToolExecutionRequest> identified = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        Map<ToolCall, String> answered = new LinkedHashMap<>();
        List<Turn> children = new ArrayList<>();
        List<CloudEvent<?>> events = new ArrayList<>();
        events.add(audit.modelCalled(turn, step.usage()));
        for (int i = 0; i < requests.size(); i++) {
            ToolExecutionRequest request = requests.get(i);
            String callId = TurnIds.callId(turn.turnId(), turn.iteration(), i);
            String modelCallId = request.id() == null || request.id().isBlank() ? callId : request.id();
            String arguments = request.arguments() == null || request.arguments().isBlank()
                    ? "{}"
                    : request.arguments();
            identified.add(request.toBuilder().id(modelCallId).arguments(arguments).build());
            ToolCall call = new ToolCall(callId, turn.tenantId(), turn.turnId(), turn.iteration(), i, modelCallId,
                    request.name(), arguments);
            calls.add(call);
            ToolRoute route = router.route(turn, assistant, identified.getLast());
            ToolSpans.routed(request.name(), callId, turn.tenantId(), switch (route) {
                case ToolRoute.Remote remote -> "remote";
                case ToolRoute.Local local -> "local";
                case ToolRoute.Delegate delegate -> "delegate";
            });
            switch (route) {
                case ToolRoute.Remote remote -> {
                    events.add(CloudEvent.of(audit.service(), callId, turn.tenantId(), turn.conversationId(), now,
                            new ToolCallRequested(callId, turn.tenantId(), turn.conversationId(), turn.turnId(),
                                    turn.userId(), callId, request.name(), arguments, now, memoryAllowed)));
                    events.add(audit.toolRequested(turn, callId, request.name()));
                }
                case ToolRoute.Local local -> {
                    answered.put(call, local.result());
                    if (local.auditAction() != null) {
                        events.add(audit.action(turn, local.auditAction(), callId, local.auditDetail()));
                    }
                }
                case ToolRoute.Delegate delegate -> {
                    Turn child = childTurn(turn, call, delegate);
                    children.add(child);
                    events.add(audit.subagentStarted(child));
                }
            }
        }
        return new Plan(identified, calls, answered, children, events);
    }

    private Uni<Step> write(SqlConnection c, Turn turn, Plan plan) {
        HistoryEntry assistantEntry = new HistoryEntry(turn.tenantId(), turn.historyKey(), turn.turnId(),
                HistoryEntry.Role.ASSISTANT, null, mapper.toJson(plan.identified()), null, null, turn.userId());
        Uni<Void> writes = history.append(c, assistantEntry);
        for (ToolCall call : plan.calls()) {
            writes = writes.chain(() -> toolCalls.insert(c, call));
        }
        for (Map.Entry<ToolCall, String> local : plan.answered().entrySet()) {
            writes = writes.chain(() -> toolCalls.complete(c, local.getKey().callId(), turn.tenantId(),
                    local.getValue()))
                    .chain(() -> history.append(c, TurnEntries.tool(turn, local.getKey(), local.getValue())));
        }
        for (Turn child : plan.children()) {
            writes = writes.chain(() -> turns.insert(c, child))
                    .chain(() -> history.append(c, TurnEntries.user(child)));
        }
        List<String> started = plan.children().stream().map(Turn::turnId).toList();
        int iteration = turn.iteration();
        return writes.chain(() -> tx.store(c, plan.events()))
                .chain(() -> plan.complete()
                        ? turns.transition(c, turn.turnId(), TurnStatus.WAITING_TOOLS, iteration,
                                TurnStatus.RUNNING, iteration + 1).replaceWith(Optional.of(turn.turnId()))
                        : Uni.createFrom().item(Optional.<String>empty()))
                .map(next -> new Step(plan.events(), next, started));
    }

    /** A subagent run for one delegated call: the parent's conversation and user, the task as its first message. */
    static Turn childTurn(Turn parent, ToolCall call, ToolRoute.Delegate delegate) {
        return new Turn(TurnIds.childTurnId(call.callId()), parent.tenantId(), parent.conversationId(),
                parent.userId(), parent.channel(), delegate.task(), TurnStatus.RUNNING, 0,
                new TurnLineage(parent.turnId(), call.callId(), parent.lineage().depth() + 1,
                        delegate.subagent().name()),
                parent.userVerified());
    }
}
