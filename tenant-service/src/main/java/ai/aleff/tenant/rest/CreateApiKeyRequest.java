package ai.aleff.tenant.rest;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/tenants/{id}/api-keys}. */
public record CreateApiKeyRequest(
        @Schema(description = "What the key is for; trimmed, 1 to 100 characters, no control characters.", required = true, maxLength = DisplayName.API_KEY_MAX, example = "production backend") @NotNull @DisplayName(max = DisplayName.API_KEY_MAX) String name) {
}
