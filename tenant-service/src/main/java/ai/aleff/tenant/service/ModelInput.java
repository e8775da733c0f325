package ai.aleff.tenant.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One model of a chain as an admin sends it. The API key arrives in plain text and leaves this object only encrypted;
 * {@link #toString()} never shows it, so an accidental log line cannot leak it.
 */
@Schema(name = "ModelInput", description = "One model of a failover chain. apiKey is write-only: it is stored encrypted and never returned. "
        + "To keep the key already stored for the same provider, model and baseUrl, send keepApiKey: true instead of apiKey. "
        + "With neither, the model uses the platform's key.")
public record ModelInput(
        @Schema(description = "openai (and OpenAI-compatible endpoints), anthropic, gemini or ollama.", required = true, enumeration = {
                "openai", "anthropic", "gemini", "ollama"}, example = "openai") String provider,
        @Schema(description = "The provider's model name: letters, digits and . _ : / @ + -, at most 200 characters.", required = true, maxLength = 200, example = "gpt-4o-mini") String model,
        @Schema(description = "Endpoint override (e.g. a vLLM server): an absolute http or https URL without credentials. "
                + "Absent: the provider's public endpoint.", maxLength = 2000, example = "https://api.openai.com/v1") String baseUrl,
        @Schema(description = "The tenant's own API key for this model (write-only; stored encrypted, never returned).", writeOnly = true, maxLength = 1000, example = "sk-proj-...") String apiKey,
        @Schema(description = "true: keep the key stored for the same provider, model and baseUrl (same chain first, then "
                + "anywhere in the current configuration) without sending it again. Not together with apiKey.", example = "false") Boolean keepApiKey){

    public boolean keepsStoredKey() {
        return Boolean.TRUE.equals(keepApiKey);
    }

    @Override
    public String toString() {
        return "ModelInput[provider=" + provider + ", model=" + model + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey == null ? "none" : "***") + ", keepApiKey=" + keepApiKey + "]";
    }
}
