package ai.aleff.tenant.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.tenant.service.TenantView;

/** A tenant as the admin API shows it: never its API key nor the key's hash. */
public record TenantResponse(@Schema(description = "Tenant id (UUID).") String id, String name,
        TenantConfigurationChanged.Status status, Instant createdAt,
        @Schema(description = "Configuration version; increases with every change.") long version) {

    static TenantResponse of(TenantView tenant) {
        return new TenantResponse(tenant.id().toString(), tenant.name(), tenant.status(), tenant.createdAt(),
                tenant.version());
    }
}
