package ai.aleff.agent.turn;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;

import ai.aleff.agent.delegation.TurnPlan;
import ai.aleff.agent.delegation.TurnPlanner;
import ai.aleff.agent.history.ConversationHistory;
import ai.aleff.agent.model.ModelCallContext;
import ai.aleff.agent.model.ModelCallLimiter;
import ai.aleff.agent.model.ModelCaller;
import ai.aleff.agent.model.ModelOutcome;
import ai.aleff.agent.model.ModelUsage;
import ai.aleff.agent.repository.Turn;
import ai.aleff.agent.repository.TurnRepository;
import ai.aleff.agent.repository.TurnStatus;
import ai.aleff.agent.tenant.AssistantProfile;
import ai.aleff.agent.usage.QuotaNotices;
import ai.aleff.agent.usage.QuotaRefusal;
import ai.aleff.agent.usage.TokenQuotas;
import ai.aleff.agent.usage.UsageLedger;
import ai.aleff.platform.events.CloudEvent;

/**
 * The step of a RUNNING turn: resolves its context from one tenant snapshot, then answers a session command, stops
 * at the tool limit, or plans the model call (skills, subagents and child turns decide the prompt, tools and chain,
 * see {@link TurnPlanner}), calls the model under the tenant's cap and hands the outcome to the tool round or the
 * completion. Other turns are left alone.
 */
@ApplicationScoped
public class ModelStep {

    private final TurnTransactions tx;
    private final TurnRepository turns;
    private final StepContexts contexts;
    private final TurnPlanner planner;
    private final ConversationHistory conversation;
    private final ModelCallLimiter limiter;
    private final ModelCaller model;
    private final UsageLedger usage;
    private final TokenQuotas quotas;
    private final QuotaNotices notices;
    private final ToolRound tools;
    private final TurnCompletion completion;

    public ModelStep(TurnTransactions tx, TurnRepository turns, StepContexts contexts, TurnPlanner planner,
            ConversationHistory conversation, ModelCallLimiter limiter, ModelCaller model, UsageLedger usage,
            TokenQuotas quotas, QuotaNotices notices, ToolRound tools, TurnCompletion completion) {
        this.tx = tx;
        this.turns = turns;
        this.contexts = contexts;
        this.planner = planner;
        this.conversation = conversation;
        this.limiter = limiter;
        this.model = model;
        this.usage = usage;
        this.quotas = quotas;
        this.notices = notices;
        this.tools = tools;
        this.completion = completion;
    }

    /** @return the turns left RUNNING by this step (all of {@code tenantId}), to advance next */
    public Uni<List<String>> advance(String tenantId, String turnId) {
        return tx.read(tenantId, c -> turns.find(c, turnId))
                .chain(found -> found.isEmpty() || found.get().status() != TurnStatus.RUNNING
                        ? Uni.createFrom().item(List.<String>of())
                        : contexts.resolve(found.get()).chain(this::step));
    }

    private Uni<List<String>> step(StepContext context) {
        Turn turn = context.turn();
        return switch (StepDecision.of(context)) {
            case StepDecision.Unavailable unavailable -> tx.commit(turn.tenantId(), c -> completion.finish(c, turn,
                    new ModelOutcome.Failure("tenant not active"), "This assistant is not available right now.",
                    model.modelName()));
            case StepDecision.Command command ->
                tx.commit(turn.tenantId(), c -> completion.answerCommand(c, turn, command.command(),
                        command.profile()));
            case StepDecision.ToolLimit limit -> tx.commit(turn.tenantId(), c -> completion.finish(c, turn,
                    new ModelOutcome.Failure("tool limit"),
                    "I could not finish this within " + limit.profile().maxToolIterations()
                            + " tool steps, so I stopped. Please try a simpler request.",
                    limit.profile().chain().primaryModel()));
            case StepDecision.CallModel call -> callModel(context, call.profile());
        };
    }

    private Uni<List<String>> callModel(StepContext context, AssistantProfile profile) {
        Turn turn = context.turn();
        ModelCallContext call = ModelCallContext.of(turn.tenantId(), turn.conversationId(), turn.turnId(),
                turn.iteration(), !turn.isChild());
        // The quota is read in the transaction the step already opens: a tenant with quotas pays one query per step.
        return tx.read(turn.tenantId(), c -> turns.touch(c, turn.turnId())
                .chain(() -> quotas.check(c, turn.tenantId(), profile.limits())))
                .chain(spent -> spent.isPresent()
                        ? refuse(turn, spent.get())
                        : callModel(context, profile, call));
    }

    /** The tenant's token quota is spent: the turn ends with the user told why; no model is called. */
    private Uni<List<String>> refuse(Turn turn, QuotaRefusal refusal) {
        return tx.commit(turn.tenantId(), c -> quotas.firstRefusalOfPeriod(c, turn.tenantId(), refusal)
                .chain(first -> completion.refuse(c, turn, "token quota spent (" + refusal.quota() + ")",
                        refusal.userMessage(), first ? notices.of(turn, refusal) : List.of())));
    }

    private Uni<List<String>> callModel(StepContext context, AssistantProfile profile, ModelCallContext call) {
        Turn turn = context.turn();
        TurnPlan plan = planner.plan(turn, profile, context.assistant(), context.memoryAllowed());
        return conversation.messagesFor(turn, profile, plan.systemPrompt())
                .chain(messages -> limiter.limit(turn.tenantId(),
                        () -> model.call(call, plan.chain(), messages, plan.specifications())))
                .chain(outcome -> tx.commit(turn.tenantId(), c -> recordUsage(c, call, outcome)
                        .chain(usageEvents -> record(c, context, outcome, profile)
                                .map(step -> step.withEvents(usageEvents)))));
    }

    /**
     * The usage row (for /status) and its UsageRecorded event, in the step's transaction; keyed by the call's usage
     * id, so a redone step's usage is recorded once. Returns the events to publish after the commit.
     */
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

    private Uni<Step> record(SqlConnection c, StepContext context, ModelOutcome outcome, AssistantProfile profile) {
        Turn turn = context.turn();
        return switch (outcome) {
            case ModelOutcome.ToolCalls calls -> tools.request(c, context, calls);
            case ModelOutcome.Answer answer -> completion.finish(c, turn, answer, answer.text(),
                    answer.usage().model());
            case ModelOutcome.Failure failure -> completion.finish(c, turn, failure,
                    "Sorry, I could not reach the language model just now. Please try again later.",
                    profile.chain().primaryModel());
        };
    }
}
