package ai.aleff.tenant.service;

import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.tenant.repository.TenantEntity;

/** A tenant's own fields in the administrative audit. */
record TenantSnapshot(String name, TenantConfigurationChanged.Status status) {

    static TenantSnapshot of(TenantEntity tenant) {
        return new TenantSnapshot(tenant.name, tenant.status);
    }
}
