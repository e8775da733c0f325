package ai.aleff.tenant.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.tenant.service.CreatedTenant;

/** The new tenant, with its API key: the only time the key is ever shown. */
public record CreatedTenantResponse(@Schema(description = "Tenant id (UUID).") String id, String name,
        @Schema(description = "The tenant's API key (ak_...). Shown only in this response; store it now.") String apiKey,
        TenantConfigurationChanged.Status status, Instant createdAt) {

    static CreatedTenantResponse of(CreatedTenant created) {
        return new CreatedTenantResponse(created.tenant().id().toString(), created.tenant().name(), created.apiKey(),
                created.tenant().status(), created.tenant().createdAt());
    }
}
