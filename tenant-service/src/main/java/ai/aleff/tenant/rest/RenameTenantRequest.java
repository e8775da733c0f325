package ai.aleff.tenant.rest;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code PATCH /v1/tenants/{id}}: the only field a tenant's own record lets one change. */
public record RenameTenantRequest(
        @Schema(description = "New display name; trimmed, 1 to 200 characters, no control characters.", required = true, maxLength = DisplayName.TENANT_MAX, example = "Acme Holdings") @NotNull @DisplayName(max = DisplayName.TENANT_MAX) String name) {
}
