package ai.aleff.tenant.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.contracts.events.AssistantConfiguration.Transcription;

/** The transcription model as the admin API shows it: whether a key is stored and its last characters, never it. */
public record MaskedTranscription(@Schema(example = "https://api.openai.com/v1") String baseUrl,
        @Schema(example = "whisper-1") String model,
        @Schema(description = "Whether an API key is stored for the endpoint.") boolean apiKeySet,
        @Schema(description = "The key's last four characters; absent for keys of 8 characters or fewer.", example = "x9Qa") String apiKeyHint) {

    static MaskedTranscription of(Transcription transcription) {
        if (transcription == null) {
            return null;
        }
        return new MaskedTranscription(transcription.baseUrl(), transcription.model(),
                transcription.apiKey() != null,
                transcription.apiKey() == null ? null : transcription.apiKey().hint());
    }
}
