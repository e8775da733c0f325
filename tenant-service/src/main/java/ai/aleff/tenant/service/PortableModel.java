package ai.aleff.tenant.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import ai.aleff.contracts.events.AssistantConfiguration.ModelChoice;

/**
 * A model of a configuration that travels without secrets (an export, an import, a template). An export says only
 * whether the tenant had its own key ({@code apiKeyRequired}); an import may supply the key; {@link #toString()}
 * never shows it.
 */
@Schema(name = "PortableModel", description = "A model without its key. apiKeyRequired: true means the configuration used its own API key for this "
        + "model: an import then needs apiKey in this entry, or a key the target tenant already stores for the same "
        + "provider, model and baseUrl (kept); otherwise 400 naming the entry. Templates take neither.")
public record PortableModel(
        @Schema(required = true, example = "openai") String provider,
        @Schema(required = true, example = "gpt-4o-mini") String model,
        @Schema(example = "https://api.openai.com/v1") String baseUrl,
        @Schema(description = "The model used the tenant's own API key (never included); absent or false: the platform's key.") Boolean apiKeyRequired,
        @Schema(description = "Import only: the key to store for this model (write-only, encrypted, never exported). Refused in templates.", writeOnly = true, maxLength = 1000) @JsonInclude(JsonInclude.Include.NON_NULL) String apiKey) {

    static PortableModel of(ModelChoice model) {
        return new PortableModel(model.provider(), model.model(), model.baseUrl(), model.apiKey() != null, null);
    }

    boolean needsKey() {
        return Boolean.TRUE.equals(apiKeyRequired);
    }

    /** The key supplied, else the stored one kept when the entry needs one, else the platform's. */
    ModelInput toInput() {
        return new ModelInput(provider, model, baseUrl, apiKey, apiKey == null && needsKey() ? Boolean.TRUE : null);
    }

    @Override
    public String toString() {
        return "PortableModel[provider=" + provider + ", model=" + model + ", baseUrl=" + baseUrl
                + ", apiKeyRequired=" + apiKeyRequired + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
    }
}
