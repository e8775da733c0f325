package ai.aleff.tenant.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The transcription model as an admin sends it. The API key arrives in plain text and leaves this object only
 * encrypted; {@link #toString()} never shows it.
 */
@Schema(name = "TranscriptionInput", description = "An OpenAI-compatible speech-to-text endpoint for voice notes: they are posted to "
        + "<baseUrl>/audio/transcriptions with model. apiKey is write-only (stored encrypted, never returned); "
        + "keepApiKey: true keeps the key stored for the same baseUrl and model. Absent: voice notes are not enabled.")
public record TranscriptionInput(
        @Schema(description = "An absolute http or https URL without credentials, checked like a model's baseUrl.", required = true, maxLength = 2000, example = "https://api.openai.com/v1") String baseUrl,
        @Schema(description = "The endpoint's model name: letters, digits and . _ : / @ + -, at most 200 characters.", required = true, maxLength = 200, example = "whisper-1") String model,
        @Schema(description = "The tenant's API key for the endpoint (write-only). Absent: no Authorization header is sent.", writeOnly = true, maxLength = 1000, example = "sk-proj-...") String apiKey,
        @Schema(description = "true: keep the key stored for the same baseUrl and model. Not together with apiKey.", example = "false") Boolean keepApiKey) {

    public boolean keepsStoredKey() {
        return Boolean.TRUE.equals(keepApiKey);
    }

    @Override
    public String toString() {
        return "TranscriptionInput[baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
                + (apiKey == null ? "none" : "***") + ", keepApiKey=" + keepApiKey + "]";
    }
}
