package ai.aleff.agent.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the agent worker runs turns. */
@ConfigMapping(prefix = "aleff.agent")
public interface AgentSettings {

    /** How many of the latest conversation messages the model sees. */
    @WithDefault("40")
    int historyLimit();

    /** Tool rounds one turn may take before it gives up and says so. */
    @WithDefault("10")
    int maxToolIterations();

    /** Instructions sent to the model before the conversation. */
    @WithDefault("You are AleffAI, a concise and honest assistant. Use the tools when they help.")
    String systemPrompt();

    /**
     * Attempts per model of the chain (aleff.agent.model.*) on 429, 5xx, timeouts and connection errors; when every
     * model is exhausted the turn ends with an honest failure reply.
     */
    @WithDefault("2")
    int modelAttempts();

    /** How often the outbox relay republishes events whose inline publish did not happen. */
    @WithDefault("5s")
    Duration relayInterval();

    /** How old an unsent outbox row must be before the relay takes it (the inline publish usually wins). */
    @WithDefault("3s")
    Duration relayGrace();

    /** A RUNNING turn untouched this long is resumed by the relay (its worker likely died mid-turn). */
    @WithDefault("3m")
    Duration staleTurnAfter();

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
     * Records taken from Kafka whose work is not finished yet (queued or running in conversation lanes); at this
     * many the channels stop taking records until some finish.
     */
    @WithDefault("1000")
    int maxInFlightMessages();

    /**
     * How deep subagents may nest: a user's turn is depth 0, a subagent it calls depth 1, and so on. A turn at this
     * depth is not offered subagent tools (agent_*), so delegation always ends. 0 turns subagents off.
     */
    @WithDefault("2")
    int maxSubagentDepth();
}
