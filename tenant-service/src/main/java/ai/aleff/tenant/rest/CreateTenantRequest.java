package ai.aleff.tenant.rest;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/tenants}. */
public record CreateTenantRequest(
        @Schema(description = "Display name; trimmed, 1 to 200 characters, no control characters.", required = true, maxLength = TenantName.MAX_LENGTH, example = "Acme Corp") @NotNull @TenantName String name) {
}
