package ai.aleff.agent.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the agent worker runs turns. */
@ConfigMapping(prefix = "aleff.agent")
public interface AgentSettings {

    /**
     * Most history entries read per model call (newest first, before the token budget trims them); a safety cap on
     * what one step loads, normally far above what fits the budget.
     */
    @WithDefault("400")
    int historyLimit();

    /**
     * Estimated tokens of conversation history (summary included) sent to the model at most; a tenant's
     * historyTokenBudget overrides it. Tokens are estimated as characters / 4.
     */
    @WithDefault("8000")
    int historyTokenBudget();

    /**
     * When a session's history exceeds the budget, the newest entries worth this percentage of the budget stay
     * verbatim and everything older is summarised by the model.
     */
    @WithDefault("50")
    int compactionKeepPercent();

    /**
     * A requested tool whose result has not arrived after this long gets an error result ("tool X timed out") and
     * the turn goes on; a late real result is ignored.
     */
    @WithDefault("30s")
    Duration toolTimeout();

    /** How often each worker looks for overdue tool calls (the first to update a call wins; the others skip it). */
    @WithDefault("5s")
    Duration toolTimeoutSweepInterval();

    /**
     * How long a message of a tenant the worker does not know yet waits for the tenant's configuration to arrive
     * (it may be a moment behind a freshly created tenant) before it is refused.
     */
    @WithDefault("10s")
    Duration unknownTenantGrace();

    /** Tool rounds one turn may take before it gives up and says so. */
    @WithDefault("10")
    int maxToolIterations();

    /** Instructions sent to the model before the conversation when the tenant set none. */
    @WithDefault("You are AleffAI, a concise and honest assistant. Use the tools when they help.")
    String systemPrompt();

    /**
     * Attempts per model of the chain (aleff.agent.model.*) on 429, 5xx, timeouts and connection errors; when every
     * model is exhausted the turn ends with an honest failure reply.
     */
    @WithDefault("2")
    int modelAttempts();

    /** A RUNNING turn untouched this long is resumed by another worker (its worker likely died mid-turn). */
    @WithDefault("3m")
    Duration staleTurnAfter();

    /** How often each worker looks for stale RUNNING turns to resume. */
    @WithDefault("5s")
    Duration staleTurnSweepInterval();

    /**
     * Concurrent model calls one tenant may have on this worker; further calls of that tenant wait, so one busy
     * tenant cannot take every slot.
     */
    @WithDefault("16")
    int maxConcurrentModelCallsPerTenant();

    /** Concurrent model calls on this worker across all tenants (bounds memory and provider connections). */
    @WithDefault("256")
    int maxConcurrentModelCalls();

    /**
     * Records taken from Kafka whose work is not finished yet (waiting for their tenant's share, queued in their
     * conversation's lane or running); at this many the channels stop taking records until some finish. Waiting
     * records are cheap (the record itself), so this is high: it is the backlog one tenant can have on this worker
     * before other tenants' records behind it in the same partitions wait too.
     */
    @WithDefault("4000")
    int maxInFlightMessages();

    /**
     * Records whose work (a turn's step, model call included) runs at once on this worker, shared among the tenants
     * with work: each may run max(min-tenant-share, this / active tenants).
     */
    @WithDefault("256")
    int maxRunningMessages();

    /** Running records a tenant may always have, however many tenants are active. */
    @WithDefault("4")
    int minTenantShare();

    /**
     * How deep subagents may nest: a user's turn is depth 0, a subagent it calls depth 1, and so on. A turn at this
     * depth is not offered subagent tools (agent_*), so delegation always ends. 0 turns subagents off.
     */
    @WithDefault("2")
    int maxSubagentDepth();
}
