package ai.aleff.tenant.service;

import java.time.Instant;
import java.util.UUID;

import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.tenant.repository.TenantEntity;

/** A tenant as the service hands it out: its state, never its API key's hash, and no entity to change by mistake. */
public record TenantView(UUID id, String name, TenantConfigurationChanged.Status status, Instant createdAt,
        long version) {

    static TenantView of(TenantEntity tenant) {
        return new TenantView(tenant.id, tenant.name, tenant.status, tenant.createdAt, tenant.version);
    }
}
