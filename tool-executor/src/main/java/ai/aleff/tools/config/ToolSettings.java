package ai.aleff.tools.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How tool calls are run. */
@ConfigMapping(prefix = "aleff.tools")
public interface ToolSettings {

    /** Longest one tool call may run before it is abandoned and answered with an error. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * Requests run at once on one instance, across all partitions (requests of one conversation share a partition
     * and still run in parallel), shared among tenants: each may run max(min-tenant-share, this / active tenants).
     */
    @WithDefault("64")
    int maxConcurrentCalls();

    /** Running requests a tenant may always have, however many tenants are active. */
    @WithDefault("4")
    int minTenantShare();

    /**
     * Requests taken from Kafka and not answered yet (waiting for their tenant's share or running); at this many the
     * consumer stops taking records until a call finishes. Must be at least max-concurrent-calls.
     */
    @WithDefault("1000")
    int maxQueuedRequests();

    /**
     * How long a claimed call without an outcome is left to the run that claimed it. After this, the run is presumed
     * dead (its instance crashed) and a redelivery takes the call over. Must be well above {@link #timeout()}.
     */
    @WithDefault("60s")
    Duration claimExpiry();

    /** First wait before a failed request is retried; doubles per attempt up to {@link #maxRetryBackoff()}. */
    @WithDefault("200ms")
    Duration retryBackoff();

    /** Longest wait between retries of a request (database or Kafka unreachable, call running elsewhere). */
    @WithDefault("10s")
    Duration maxRetryBackoff();

    /**
     * Attempts for a request that fails in an unexpected way (not an unreachable database or broker, which are
     * retried until they come back) before it goes to the dead-letter topic.
     */
    @WithDefault("3")
    int attempts();
}
