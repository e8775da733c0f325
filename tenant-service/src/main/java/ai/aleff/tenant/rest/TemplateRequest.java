package ai.aleff.tenant.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.contracts.events.TenantLimits;
import ai.aleff.tenant.service.PortableAssistant;
import ai.aleff.tenant.service.TemplateInput;

/** Body of {@code POST /v1/templates} and {@code PUT /v1/templates/{templateId}}. */
public record TemplateRequest(
        @Schema(description = "Unique; trimmed, 1 to 200 characters, no control characters.", required = true, maxLength = DisplayName.TENANT_MAX, example = "Support desk") @NotNull @DisplayName(max = DisplayName.TENANT_MAX) String name,
        @Schema(description = "What the template is for; 1 to 1000 characters, no control characters.", maxLength = TemplateRequest.MAX_DESCRIPTION, example = "A support assistant with the refund skill.") @DisplayName(max = TemplateRequest.MAX_DESCRIPTION) String description,
        @Schema(description = "The new tenant's first assistant configuration. No apiKey and no apiKeyRequired: its models use the platform's keys.", required = true) @NotNull PortableAssistant assistant,
        @Schema(description = "The new tenant's own limits at ingress, as PUT /v1/tenants/{id}/limits takes them; absent or a null field: the platform default.") @Valid TenantLimitsRequest limits) {

    static final int MAX_DESCRIPTION = 1000;

    TemplateInput input() {
        return new TemplateInput(name, description, assistant,
                limits == null ? TenantLimits.platformDefaults() : limits.limits());
    }
}
