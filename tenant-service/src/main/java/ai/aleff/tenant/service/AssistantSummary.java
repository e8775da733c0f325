package ai.aleff.tenant.service;

import java.util.stream.Collectors;

import ai.aleff.contracts.events.AssistantConfiguration;

/** One line describing a configuration for the version list and the audit trail: names and counts, never a key. */
final class AssistantSummary {

    static final int MAX_LENGTH = 500;

    private AssistantSummary() {
    }

    static String of(AssistantConfiguration config) {
        String models = config.models().isEmpty()
                ? "platform models"
                : "models " + config.models()
                        .stream()
                        .map(m -> m.provider() + "/" + m.model() + (m.apiKey() == null ? "" : " (own key)"))
                        .collect(Collectors.joining(", "));
        String line = models + "; " + (config.tools().isEmpty() ? "all tools" : config.tools().size() + " tools")
                + "; " + config.subagents().size() + " subagents; " + config.skills().size() + " skills; "
                + (config.instructions() == null ? "no" : config.instructions().length() + " characters of")
                + " instructions" + (config.transcription() == null
                        ? ""
                        : "; transcription " + config.transcription().model()
                                + (config.transcription().apiKey() == null ? "" : " (own key)"));
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 3) + "...";
    }
}
