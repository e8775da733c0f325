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

    /** How many completed calls are remembered by idempotency key, so redeliveries are answered without a rerun. */
    @WithDefault("10000")
    int completedCallsCapacity();

    /** Attempts to publish a result before the request is handed to the dead-letter topic. */
    @WithDefault("3")
    int publishAttempts();
}
