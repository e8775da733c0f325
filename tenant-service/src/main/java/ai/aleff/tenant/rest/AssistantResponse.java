package ai.aleff.tenant.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.tenant.service.StoredAssistant;

/** A tenant's assistant configuration as the admin API shows it: API keys only masked. */
public record AssistantResponse(
        @Schema(description = "Version of the assistant configuration (0: never set, the platform defaults); the ETag.", example = "3") long version,
        @Schema(description = "When this version was set (for version 0, when the tenant was created).") Instant changedAt,
        String instructions, List<MaskedModel> models, List<String> tools, List<MaskedSubagent> subagents,
        List<AssistantConfiguration.Skill> skills, Integer maxToolIterations, Integer historyTokenBudget,
        @Schema(description = "The speech-to-text model for voice notes, its key masked; absent: voice notes are not enabled.") MaskedTranscription transcription) {

    static AssistantResponse of(StoredAssistant stored) {
        AssistantConfiguration c = stored.configuration();
        return new AssistantResponse(c.version(), stored.changedAt(), c.instructions(), MaskedModel.of(c.models()),
                c.tools(), c.subagents().stream().map(MaskedSubagent::of).toList(), c.skills(),
                c.maxToolIterations(), c.historyTokenBudget(), MaskedTranscription.of(c.transcription()));
    }
}
