package ai.aleff.agent.model;

import ai.aleff.contracts.events.UsageRecorded;

/** Where the gateway reports each successful call's usage. Must not block for long and must not throw. */
@FunctionalInterface
public interface UsageSink {

    void record(UsageRecorded usage);
}
