package ai.aleff.tenant.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.contracts.events.AssistantConfiguration.ModelChoice;

/** A model as the admin API shows it: whether it has its own key and the key's last characters, never the key. */
public record MaskedModel(@Schema(example = "openai") String provider, @Schema(example = "gpt-4o-mini") String model,
        @Schema(example = "https://api.openai.com/v1") String baseUrl,
        @Schema(description = "Whether the tenant's own key is stored for this model (else the platform's is used).") boolean apiKeySet,
        @Schema(description = "The key's last four characters, to recognise it; absent for keys of 8 characters or fewer.", example = "x9Qa") String apiKeyHint) {

    static MaskedModel of(ModelChoice model) {
        return new MaskedModel(model.provider(), model.model(), model.baseUrl(), model.apiKey() != null,
                model.apiKey() == null ? null : model.apiKey().hint());
    }

    static List<MaskedModel> of(List<ModelChoice> models) {
        return models.stream().map(MaskedModel::of).toList();
    }
}
