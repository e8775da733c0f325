package ai.aleff.tenant.service;

import java.time.Instant;

import ai.aleff.contracts.events.AssistantConfiguration;

/**
 * A tenant's assistant configuration as stored (API keys encrypted), with when it was set. Version 0 is the
 * platform defaults of a tenant that never set one.
 */
public record StoredAssistant(AssistantConfiguration configuration, Instant changedAt, String summary) {

    public long version() {
        return configuration.version();
    }
}
