package ai.aleff.tenant.rest;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/tenants}. */
public record CreateTenantRequest(
        @Schema(description = "Display name; trimmed, 1 to 200 characters, no control characters.", required = true, maxLength = DisplayName.TENANT_MAX, example = "Acme Corp") @NotNull @DisplayName(max = DisplayName.TENANT_MAX) String name) {
}
