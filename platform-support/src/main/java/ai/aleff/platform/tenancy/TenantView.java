package ai.aleff.platform.tenancy;

import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.TenantConfigurationChanged;

/**
 * What a service knows about a tenant from the configuration topic.
 *
 * @param assistant the tenant's assistant configuration, never null ({@link AssistantConfiguration#platformDefaults()}
 *        when the tenant set nothing)
 */
public record TenantView(String tenantId, String name, boolean active, long version,
        AssistantConfiguration assistant) {

    static TenantView of(TenantConfigurationChanged config) {
        return new TenantView(config.tenantId(), config.name(),
                config.status() == TenantConfigurationChanged.Status.ACTIVE, config.version(),
                config.assistant() == null ? AssistantConfiguration.platformDefaults() : config.assistant());
    }
}
