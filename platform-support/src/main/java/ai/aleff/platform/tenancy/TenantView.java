package ai.aleff.platform.tenancy;

import ai.aleff.contracts.events.TenantConfigurationChanged;

/** What a service knows about a tenant from the configuration topic. */
public record TenantView(String tenantId, String name, boolean active, long version) {

    static TenantView of(TenantConfigurationChanged config) {
        return new TenantView(config.tenantId(), config.name(),
                config.status() == TenantConfigurationChanged.Status.ACTIVE, config.version());
    }
}
