package ai.aleff.agent.turn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

import dev.langchain4j.agent.tool.ToolExecutionRequest;

import ai.aleff.agent.config.AgentSettings;
import ai.aleff.agent.delegation.ToolRoute;
import ai.aleff.agent.delegation.ToolRouter;
import ai.aleff.agent.delegation.TurnPlanner;
import ai.aleff.agent.history.ConversationHistory;
import ai.aleff.agent.model.ModelCallContext;
import ai.aleff.agent.model.ModelUsage;
import ai.aleff.agent.repository.HistoryEntry;
import ai.aleff.agent.repository.HistoryRepository;
import ai.aleff.agent.repository.ToolCall;
import ai.aleff.agent.repository.ToolCallRepository;
import ai.aleff.agent.repository.Turn;
import ai.aleff.agent.repository.TurnLineage;
import ai.aleff.agent.repository.TurnRepository;
import ai.aleff.agent.repository.TurnStatus;
import ai.aleff.agent.session.SessionCommand;
import ai.aleff.agent.session.SessionCommands;
import ai.aleff.agent.tenant.AssistantProfile;
import ai.aleff.agent.tenant.AssistantProfiles;
import ai.aleff.agent.tenant.TenantGate;
import ai.aleff.agent.usage.UsageLedger;
import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ReplyReady;
import ai.aleff.contracts.events.ToolCallCompleted;
import ai.aleff.contracts.events.ToolCallRequested;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.AuditTrail;
import ai.aleff.platform.outbox.Outbox;

/**
 * The turn state machine. Every state change and the events it causes commit in one transaction under the
 * conversation's lock, guarded by the turn's status and iteration, so a redelivered message or result can never
 * append twice; events are published after the commit.
 * <p>
 * Ordering policy: a message that arrives while its conversation has an unfinished turn is queued and becomes a
 * follow-up turn, strictly in arrival order, once the earlier turn has replied.
 */
@ApplicationScoped
public class TurnService {

    private static final Logger LOG = Logger.getLogger(TurnService.class);
    /** What a session command's reply names as its model: none was called. */
    static final String COMMAND_MODEL = "none";

    private final Pool pool;
    private final TurnRepository turns;
    private final HistoryRepository history;
    private final ToolCallRepository toolCalls;
    private final Outbox outbox;
    private final HistoryMapper mapper;
    private final ModelCaller model;
    private final ModelCallLimiter limiter;
    private final AuditTrail audit;
    private final AgentSettings settings;
    private final TenantGate gate;
    private final AssistantProfiles profiles;
    private final ConversationHistory conversation;
    private final SessionCommands commands;
    private final UsageLedger usage;
    private final TurnPlanner planner;
    private final ToolRouter router;

    public TurnService(Pool pool, TurnRepository turns, HistoryRepository history, ToolCallRepository toolCalls,
            Outbox outbox, HistoryMapper mapper, ModelCaller model,
            ModelCallLimiter limiter, AuditTrail audit, AgentSettings settings, TenantGate gate,
            AssistantProfiles profiles, ConversationHistory conversation, SessionCommands commands,
            UsageLedger usage, TurnPlanner planner, ToolRouter router) {
        this.pool = pool;
        this.turns = turns;
        this.history = history;
        this.toolCalls = toolCalls;
        this.outbox = outbox;
        this.mapper = mapper;
        this.model = model;
        this.limiter = limiter;
        this.audit = audit;
        this.settings = settings;
        this.gate = gate;
        this.profiles = profiles;
        this.conversation = conversation;
        this.commands = commands;
        this.usage = usage;
        this.planner = planner;
        this.router = router;
    }

    /**
     * Starts (or queues, or resumes after a redelivery) the turn of an inbound message. A message of a tenant that
     * is unknown or disabled is refused: no model call, no reply, a {@code message.refused} audit record.
     */
    public Uni<Void> onMessage(MessageReceived message) {
        return gate.admit(message.tenantId()).chain(admission -> admission == TenantGate.Admission.ADMITTED
                ? accept(message)
                : refuse(message, admission));
    }

    private Uni<Void> refuse(MessageReceived message, TenantGate.Admission admission) {
        LOG.warnf("Message %s refused: %s %s", message.messageId(), admission, message.tenantId());
        CloudEvent<?> event = audit.record(TurnIds.auditId("message.refused", message.messageId()),
                message.tenantId(), message.conversationId(), "message.refused", message.messageId(),
                "reason=" + (admission == TenantGate.Admission.DISABLED_TENANT ? "tenant disabled" : "tenant unknown"));
        return pool.withTransaction(c -> outbox.add(c, event))
                .replaceWith(new Step(List.of(event), Optional.empty()))
                .chain(this::afterCommit);
    }

    private Uni<Void> accept(MessageReceived message) {
        return pool.withTransaction(c -> turns.lockConversation(c, message.tenantId(), message.conversationId())
                .chain(() -> turns.find(c, message.messageId()))
                .chain(existing -> existing.isPresent()
                        ? Uni.createFrom().item(resume(existing.get(), message))
                        : start(c, message)))
                .chain(this::afterCommit);
    }

    private static Step resume(Turn turn, MessageReceived message) {
        if (!turn.tenantId().equals(message.tenantId())) {
            LOG.warnf("Message %s redelivered for another tenant; ignored", message.messageId());
            return Step.nothing();
        }
        return turn.status() == TurnStatus.RUNNING ? Step.advance(turn.turnId()) : Step.nothing();
    }

    private Uni<Step> start(SqlConnection c, MessageReceived message) {
        return turns.hasOpenTurn(c, message.tenantId(), message.conversationId()).chain(open -> {
            Turn turn = new Turn(message.messageId(), message.tenantId(), message.conversationId(), message.userId(),
                    message.channel(), message.text(), open ? TurnStatus.QUEUED : TurnStatus.RUNNING, 0);
            Uni<Void> insert = turns.insert(c, turn);
            if (open) {
                return insert.replaceWith(Step.nothing());
            }
            return insert.chain(() -> appendUser(c, turn)).replaceWith(Step.advance(turn.turnId()));
        });
    }

    /** Records a tool outcome; the turn continues once every call of its current round is done. */
    public Uni<Void> onToolResult(ToolCallCompleted completed) {
        String resultText = completed.status() == ToolCallCompleted.Status.OK
                ? String.valueOf(completed.result())
                : "ERROR: " + (completed.error() == null ? "the tool failed" : completed.error());
        return completeCall(completed.tenantId(), completed.conversationId(), completed.callId(), resultText,
                List.of());
    }

    /**
     * Gives a call whose result did not arrive within {@code aleff.agent.tool-timeout} an error result, so the turn
     * goes on; the same guard as a real result applies, so whichever comes first wins and the other is ignored.
     */
    public Uni<Void> onToolTimeout(ToolCallRepository.OverdueCall call) {
        String resultText = "ERROR: tool " + call.toolName() + " timed out after "
                + settings.toolTimeout().toSeconds() + " s";
        CloudEvent<?> timedOut = audit.record(TurnIds.auditId("tool.timeout", call.callId()), call.tenantId(),
                call.conversationId(), "tool.timeout", call.callId(), "tool=" + call.toolName());
        return completeCall(call.tenantId(), call.conversationId(), call.callId(), resultText, List.of(timedOut));
    }

    private Uni<Void> completeCall(String tenantId, String conversationId, String callId, String resultText,
            List<CloudEvent<?>> extraEvents) {
        return pool.withTransaction(c -> turns.lockConversation(c, tenantId, conversationId)
                .chain(() -> toolCalls.complete(c, callId, tenantId, resultText))
                .chain(done -> done.isEmpty()
                        ? Uni.createFrom().item(Step.nothing())
                        : store(c, extraEvents).chain(() -> recordResult(c, done.get(), resultText))
                                .map(step -> step.withEvents(extraEvents))))
                .chain(this::afterCommit);
    }

    private Uni<Step> recordResult(SqlConnection c, ToolCall call, String resultText) {
        return turns.find(c, call.turnId()).chain(found -> {
            Turn turn = found.orElseThrow();
            return history.append(c, toolEntry(turn, call, resultText))
                    .chain(() -> toolCalls.pendingCount(c, call.turnId(), call.iteration()))
                    .chain(pending -> pending > 0
                            ? Uni.createFrom().item(Step.nothing())
                            : turns.transition(c, call.turnId(), TurnStatus.WAITING_TOOLS, call.iteration(),
                                    TurnStatus.RUNNING, call.iteration() + 1)
                                    .map(moved -> moved ? Step.advance(call.turnId()) : Step.nothing()));
        });
    }

    /**
     * Runs the next step of a RUNNING turn with its tenant's assistant (instructions, model chain, tools, limits):
     * a session command is answered without a model, anything else goes to the model. Other turns are left alone.
     */
    public Uni<Void> advance(String turnId) {
        return turns.find(pool, turnId).chain(found -> {
            if (found.isEmpty() || found.get().status() != TurnStatus.RUNNING) {
                return Uni.createFrom().voidItem();
            }
            Turn turn = found.get();
            // A worker that just started (or resumes a stale turn) may not have read the tenant's configuration
            // yet: wait for the directory like a new message does, rather than failing the turn.
            return gate.admit(turn.tenantId()).chain(admission -> step(turnId, turn));
        });
    }

    /** One step of a RUNNING turn whose tenant the directory has had the chance to learn about. */
    private Uni<Void> step(String turnId, Turn turn) {
        Optional<AssistantProfile> resolved = profiles.forTenant(turn.tenantId());
        if (resolved.isEmpty()) {
            // The tenant was disabled (or vanished) after its message was accepted: no model call.
            return pool.withTransaction(c -> finish(c, turn, new ModelOutcome.Failure("tenant not active"),
                    "This assistant is not available right now.", model.modelName()))
                    .chain(this::afterCommit);
        }
        AssistantProfile profile = resolved.get();
        // A child turn's text is a task the model wrote, never a user's session command.
        Optional<SessionCommand> command = turn.isChild()
                ? Optional.empty()
                : SessionCommand.parse(turn.userText());
        if (command.isPresent()) {
            return pool.withTransaction(c -> answerCommand(c, turn, command.get(), profile))
                    .chain(this::afterCommit);
        }
        if (turn.iteration() >= profile.maxToolIterations()) {
            return pool.withTransaction(c -> finish(c, turn, new ModelOutcome.Failure("tool limit"),
                    "I could not finish this within " + profile.maxToolIterations()
                            + " tool steps, so I stopped. Please try a simpler request.",
                    profile.chain().primaryModel()))
                    .chain(this::afterCommit);
        }
        ModelCallContext context = new ModelCallContext(turn.tenantId(), turn.conversationId(), turn.turnId(),
                turn.iteration());
        // Skills, subagents and child turns decide this step's prompt, tools and chain (ai.aleff.agent.delegation)
        // on top of the tenant's profile; the history (summary + window) is the turn's own transcript.
        return planner.plan(turn, profile)
                .chain(plan -> turns.touch(pool, turnId)
                        .chain(() -> conversation.messagesFor(turn, profile, plan.systemPrompt()))
                        .chain(messages -> limiter.limit(turn.tenantId(),
                                () -> model.call(context, plan.chain(), messages, plan.specifications()))))
                .chain(outcome -> pool.withTransaction(c -> recordUsage(c, context, outcome)
                        .chain(usageEvents -> record(c, turn, outcome, profile)
                                .map(step -> step.withEvents(usageEvents)))))
                .chain(this::afterCommit);
    }

    /** Stored for /status; keyed like UsageRecorded, so a redone step's usage is stored once. */
    private Uni<List<CloudEvent<?>>> recordUsage(SqlConnection c, ModelCallContext context, ModelOutcome outcome) {
        ModelUsage used = switch (outcome) {
            case ModelOutcome.ToolCalls calls -> calls.usage();
            case ModelOutcome.Answer answer -> answer.usage();
            case ModelOutcome.Failure failure -> null;
        };
        return used == null
                ? Uni.createFrom().item(List.of())
                : usage.record(c, context, used);
    }

    private Uni<Step> answerCommand(SqlConnection c, Turn turn, SessionCommand command, AssistantProfile profile) {
        return guarded(c, turn, TurnStatus.DONE, () -> commands.run(c, command, turn, profile)
                .chain(result -> reply(c, turn, result.reply(), COMMAND_MODEL,
                        List.of(audit.record(TurnIds.auditId(command.auditAction(), turn.turnId()), turn.tenantId(),
                                turn.conversationId(), command.auditAction(), turn.turnId(), result.auditDetail())),
                        false)));
    }

    private Uni<Step> record(SqlConnection c, Turn turn, ModelOutcome outcome, AssistantProfile profile) {
        return switch (outcome) {
            case ModelOutcome.ToolCalls calls -> requestTools(c, turn, calls);
            case ModelOutcome.Answer answer -> finish(c, turn, answer, answer.text(), answer.usage().model());
            case ModelOutcome.Failure failure -> finish(c, turn, failure,
                    "Sorry, I could not reach the language model just now. Please try again later.",
                    profile.chain().primaryModel());
        };
    }

    /**
     * Records the model's tool requests and routes each one (see {@link ToolRouter}): REMOTE calls are published to
     * tool-executor, LOCAL ones are answered in this transaction, DELEGATE ones start a child turn whose final text
     * will answer the call. Every call is a tool_call row, so the "all results in, next model call" step is the
     * same for all three; when every result is already in, the turn moves on at once.
     */
    private Uni<Step> requestTools(SqlConnection c, Turn turn, ModelOutcome.ToolCalls step) {
        List<ToolExecutionRequest> requests = step.requests();
        int iteration = turn.iteration();
        AssistantConfiguration assistant = router.configuration(turn);
        return guarded(c, turn, TurnStatus.WAITING_TOOLS, () -> {
            Instant now = Instant.now();
            List<ToolExecutionRequest> identified = new ArrayList<>();
            List<ToolCall> calls = new ArrayList<>();
            Map<ToolCall, String> answered = new LinkedHashMap<>();
            List<Turn> children = new ArrayList<>();
            List<CloudEvent<?>> events = new ArrayList<>();
            events.add(modelCalled(turn, step.usage()));
            for (int i = 0; i < requests.size(); i++) {
                ToolExecutionRequest request = requests.get(i);
                String callId = TurnIds.callId(turn.turnId(), iteration, i);
                String modelCallId = request.id() == null || request.id().isBlank() ? callId : request.id();
                String arguments = request.arguments() == null || request.arguments().isBlank()
                        ? "{}"
                        : request.arguments();
                identified.add(request.toBuilder().id(modelCallId).arguments(arguments).build());
                ToolCall call = new ToolCall(callId, turn.tenantId(), turn.turnId(), iteration, i, modelCallId,
                        request.name(), arguments);
                calls.add(call);
                switch (router.route(turn, assistant, identified.getLast())) {
                    case ToolRoute.Remote remote -> {
                        events.add(CloudEvent.of(audit.service(), callId, turn.tenantId(), turn.conversationId(),
                                now, new ToolCallRequested(callId, turn.tenantId(), turn.conversationId(),
                                        turn.turnId(), turn.userId(), callId, request.name(), arguments, now)));
                        events.add(audit.record(TurnIds.auditId("tool.requested", callId), turn.tenantId(),
                                turn.conversationId(), "tool.requested", callId, "tool=" + request.name()));
                    }
                    case ToolRoute.Local local -> {
                        answered.put(call, local.result());
                        if (local.auditAction() != null) {
                            events.add(audit.record(TurnIds.auditId(local.auditAction(), callId), turn.tenantId(),
                                    turn.conversationId(), local.auditAction(), callId, local.auditDetail()));
                        }
                    }
                    case ToolRoute.Delegate delegate -> {
                        Turn child = childTurn(turn, call, delegate);
                        children.add(child);
                        events.add(audit.record(TurnIds.auditId("subagent.started", child.turnId()),
                                turn.tenantId(), turn.conversationId(), "subagent.started", child.turnId(),
                                "subagent=" + delegate.subagent().name() + " call=" + callId));
                    }
                }
            }
            HistoryEntry assistantEntry = new HistoryEntry(turn.tenantId(), turn.historyKey(), turn.turnId(),
                    HistoryEntry.Role.ASSISTANT, null, mapper.toJson(identified), null, null);
            Uni<Void> writes = history.append(c, assistantEntry);
            for (ToolCall call : calls) {
                writes = writes.chain(() -> toolCalls.insert(c, call));
            }
            for (Map.Entry<ToolCall, String> local : answered.entrySet()) {
                writes = writes.chain(() -> toolCalls.complete(c, local.getKey().callId(), turn.tenantId(),
                        local.getValue()))
                        .chain(() -> history.append(c, toolEntry(turn, local.getKey(), local.getValue())));
            }
            for (Turn child : children) {
                writes = writes.chain(() -> turns.insert(c, child)).chain(() -> history.append(c, userEntry(child)));
            }
            List<String> started = children.stream().map(Turn::turnId).toList();
            return writes.chain(() -> store(c, events))
                    .chain(() -> answered.size() < calls.size()
                            ? Uni.createFrom().item(Optional.<String>empty())
                            : turns.transition(c, turn.turnId(), TurnStatus.WAITING_TOOLS, iteration,
                                    TurnStatus.RUNNING, iteration + 1)
                                    .replaceWith(Optional.of(turn.turnId())))
                    .map(next -> new Step(events, next, started));
        });
    }

    /** A subagent run for one delegated call: the parent's conversation and user, the task as its first message. */
    private static Turn childTurn(Turn parent, ToolCall call, ToolRoute.Delegate delegate) {
        return new Turn(TurnIds.childTurnId(call.callId()), parent.tenantId(), parent.conversationId(),
                parent.userId(), parent.channel(), delegate.task(), TurnStatus.RUNNING, 0,
                new TurnLineage(parent.turnId(), call.callId(), parent.lineage().depth() + 1,
                        delegate.subagent().name()));
    }

    /**
     * A child turn's end: its final text, or its failure as an error result, answers the parent's call, which
     * resumes the parent like any tool result; nothing is sent to the user. The child's DONE transition and the
     * call's PENDING guard make this happen once.
     */
    private Uni<Step> finishChild(SqlConnection c, Turn child, ModelOutcome outcome) {
        return guarded(c, child, TurnStatus.DONE, () -> {
            String subagent = child.lineage().subagent();
            List<CloudEvent<?>> events = new ArrayList<>();
            String result;
            if (outcome instanceof ModelOutcome.Answer answer) {
                result = answer.text();
                events.add(modelCalled(child, answer.usage()));
                events.add(audit.record(TurnIds.auditId("subagent.completed", child.turnId()), child.tenantId(),
                        child.conversationId(), "subagent.completed", child.turnId(), "subagent=" + subagent));
            } else {
                String cause = outcome instanceof ModelOutcome.Failure failure ? failure.cause() : "no answer";
                result = "ERROR: the subagent " + subagent + " did not finish (" + cause + ")";
                events.add(audit.record(TurnIds.auditId("subagent.failed", child.turnId()), child.tenantId(),
                        child.conversationId(), "subagent.failed", child.turnId(),
                        "subagent=" + subagent + " cause=" + cause));
            }
            HistoryEntry last = new HistoryEntry(child.tenantId(), child.historyKey(), child.turnId(),
                    HistoryEntry.Role.ASSISTANT, result, null, null, null);
            return history.append(c, last)
                    .chain(() -> store(c, events))
                    .chain(() -> toolCalls.complete(c, child.lineage().parentCallId(), child.tenantId(), result))
                    .chain(done -> done.isEmpty()
                            ? Uni.createFrom().item(Step.nothing())
                            : recordResult(c, done.get(), result))
                    .map(parent -> new Step(events, parent.next()));
        });
    }

    private Uni<Step> finish(SqlConnection c, Turn turn, ModelOutcome outcome, String text, String modelName) {
        if (turn.isChild()) {
            return finishChild(c, turn, outcome);
        }
        return guarded(c, turn, TurnStatus.DONE, () -> {
            List<CloudEvent<?>> events = new ArrayList<>();
            if (outcome instanceof ModelOutcome.Failure failure) {
                events.add(audit.record(TurnIds.auditId("turn.failed", turn.turnId()), turn.tenantId(),
                        turn.conversationId(), "turn.failed", turn.turnId(), "cause=" + failure.cause()));
            } else if (outcome instanceof ModelOutcome.Answer answer) {
                events.add(modelCalled(turn, answer.usage()));
            }
            return reply(c, turn, text, modelName, events, true);
        });
    }

    /**
     * The writes of a turn's last step, after its guarded move to DONE: the reply and audit events, the answer in
     * the history (not for session commands, which the model never sees), and the start of the next queued turn.
     */
    private Uni<Step> reply(SqlConnection c, Turn turn, String text, String modelName, List<CloudEvent<?>> leading,
            boolean appendToHistory) {
        Instant now = Instant.now();
        String replyId = TurnIds.replyId(turn.turnId());
        List<CloudEvent<?>> events = new ArrayList<>(leading);
        events.add(CloudEvent.of(audit.service(), replyId, turn.tenantId(), turn.conversationId(), now,
                new ReplyReady(replyId, turn.tenantId(), turn.conversationId(), turn.turnId(), turn.channel(),
                        text, modelName, now)));
        events.add(audit.record(TurnIds.auditId("reply.published", replyId), turn.tenantId(),
                turn.conversationId(), "reply.published", replyId, "model=" + modelName));
        HistoryEntry assistant = new HistoryEntry(turn.tenantId(), turn.conversationId(), turn.turnId(),
                HistoryEntry.Role.ASSISTANT, text, null, null, null);
        Uni<Void> answer = appendToHistory ? history.append(c, assistant) : Uni.createFrom().voidItem();
        return answer
                .chain(() -> store(c, events))
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
                    .chain(() -> appendUser(c, next))
                    .replaceWith(Optional.of(next.turnId()));
        });
    }

    /**
     * Applies a step only if the turn is still RUNNING at the iteration it was read at: a concurrent or duplicate
     * worker that got there first wins and this one does nothing.
     */
    private Uni<Step> guarded(SqlConnection c, Turn turn, TurnStatus to,
            Supplier<Uni<Step>> writes) {
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

    private CloudEvent<?> modelCalled(Turn turn, ModelUsage usage) {
        String subject = turn.turnId() + ":" + turn.iteration();
        return audit.record(TurnIds.auditId("model.called", subject), turn.tenantId(), turn.conversationId(),
                "model.called", subject, usage.auditDetail());
    }

    private Uni<Void> store(SqlConnection c, List<CloudEvent<?>> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (CloudEvent<?> event : events) {
            chain = chain.chain(() -> outbox.add(c, event));
        }
        return chain;
    }

    private Uni<Void> afterCommit(Step step) {
        Uni<Void> after = outbox.publish(step.events())
                .chain(() -> step.next().map(this::advance).orElse(Uni.createFrom().voidItem()));
        for (String turnId : step.more()) {
            after = after.chain(() -> advance(turnId));
        }
        return after;
    }

    /** Session commands stay out of the history: the model never sees them (the turn row keeps them). */
    private Uni<Void> appendUser(SqlConnection c, Turn turn) {
        return SessionCommand.isCommand(turn.userText())
                ? Uni.createFrom().voidItem()
                : history.append(c, userEntry(turn));
    }

    private static HistoryEntry userEntry(Turn turn) {
        return new HistoryEntry(turn.tenantId(), turn.historyKey(), turn.turnId(), HistoryEntry.Role.USER,
                turn.userText(), null, null, null);
    }

    private static HistoryEntry toolEntry(Turn turn, ToolCall call, String resultText) {
        return new HistoryEntry(turn.tenantId(), turn.historyKey(), turn.turnId(), HistoryEntry.Role.TOOL,
                resultText, null, call.modelCallId(), call.toolName());
    }
}
