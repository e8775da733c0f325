package ai.aleff.tenant.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.contracts.events.AssistantConfiguration.Subagent;

/** A subagent as the admin API shows it, its models masked. */
public record MaskedSubagent(@Schema(example = "researcher") String name, String description, String instructions,
        List<MaskedModel> models, List<String> tools) {

    static MaskedSubagent of(Subagent subagent) {
        return new MaskedSubagent(subagent.name(), subagent.description(), subagent.instructions(),
                MaskedModel.of(subagent.models()), subagent.tools());
    }
}
