package ai.aleff.tenant.service;

import java.util.List;
import java.util.stream.Stream;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.contracts.events.AssistantConfiguration;

/**
 * Body of {@code PUT /v1/tenants/{id}/assistant}: the whole assistant configuration, replacing the current one.
 * Absent or null fields mean the platform default. Unknown fields are refused.
 */
@Schema(name = "AssistantInput", description = "The tenant's whole assistant configuration; replaces the current one. Absent fields mean the platform default.")
public record AssistantInput(
        @Schema(description = "System instructions every turn starts with; at most 20,000 characters.", maxLength = 20000, example = "You are Acme's support assistant. Answer in two sentences at most.") String instructions,
        @Schema(description = "Failover chain, first choice first; at most 5. Absent or empty: the platform's chain.", maxItems = 5) List<ModelInput> models,
        @Schema(description = "Platform tools the assistant may call (the built-in tools of ai.aleff.contracts.tools.BuiltinTools); absent or empty: every platform tool.", example = "[\"time_now\", \"calculator\"]") List<String> tools,
        @Schema(description = "At most 20, names unique.", maxItems = 20) List<SubagentInput> subagents,
        @Schema(description = "Instruction packs (Markdown) the agent loads when it decides to use them; at most 50, names unique.", maxItems = 50) List<AssistantConfiguration.Skill> skills,
        @Schema(description = "Model calls per turn at most, 1 to 50; absent: the platform default.", minimum = "1", maximum = "50", example = "8") Integer maxToolIterations,
        @Schema(description = "Estimated tokens of history sent to the model at most, 500 to 1,000,000; absent: the platform default.", minimum = "500", maximum = "1000000", example = "8000") Integer historyTokenBudget,
        @Schema(description = "Speech-to-text for voice notes on Telegram and WhatsApp; absent: voice notes are answered that voice is not enabled.") TranscriptionInput transcription) {

    /** A configuration without transcription. */
    public AssistantInput(String instructions, List<ModelInput> models, List<String> tools,
            List<SubagentInput> subagents, List<AssistantConfiguration.Skill> skills, Integer maxToolIterations,
            Integer historyTokenBudget) {
        this(instructions, models, tools, subagents, skills, maxToolIterations, historyTokenBudget, null);
    }

    /** Every model the input names, the tenant's chain first, then each subagent's. */
    public Stream<ModelInput> allModels() {
        Stream<ModelInput> own = models == null ? Stream.empty() : models.stream();
        Stream<ModelInput> delegated = subagents == null
                ? Stream.empty()
                : subagents.stream().filter(s -> s != null && s.models() != null).flatMap(s -> s.models().stream());
        return Stream.concat(own, delegated).filter(m -> m != null);
    }

    /** Whether a key arrives in plain text and must therefore be encrypted. */
    public boolean carriesApiKeys() {
        return allModels().anyMatch(m -> m.apiKey() != null)
                || (transcription != null && transcription.apiKey() != null);
    }
}
