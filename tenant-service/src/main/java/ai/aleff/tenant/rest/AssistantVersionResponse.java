package ai.aleff.tenant.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.tenant.service.AssistantVersionView;

/** One entry of the version list. */
public record AssistantVersionResponse(@Schema(example = "3") long version, Instant changedAt,
        @Schema(description = "Models, counts and sizes; never a key.", example = "models openai/gpt-4o-mini (own key); all tools; 0 subagents; 0 skills; 52 characters of instructions") String summary) {

    static AssistantVersionResponse of(AssistantVersionView summary) {
        return new AssistantVersionResponse(summary.version(), summary.changedAt(), summary.summary());
    }
}
