package ai.aleff.tenant.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/tenants/{id}/api-keys/{keyId}/rotate}; every field optional, the body too. */
public record RotateApiKeyRequest(
        @Schema(description = "Name of the new key; default: the old key's name.", maxLength = DisplayName.API_KEY_MAX) @DisplayName(max = DisplayName.API_KEY_MAX) String name,
        @Schema(description = "Seconds the old key stays valid, 0 (refused at once) to 604800 (7 days); default 3600.", minimum = "0", maximum = "604800") @Min(0) @Max(604_800) Long overlapSeconds) {
}
