package ai.aleff.tenant.service;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.contracts.events.AssistantConfiguration.Subagent;

/** A subagent of a configuration without secrets. */
@Schema(name = "PortableSubagent")
public record PortableSubagent(@Schema(required = true, example = "researcher") String name,
        @Schema(required = true) String description, String instructions, List<PortableModel> models,
        List<String> tools) {

    static PortableSubagent of(Subagent subagent) {
        return new PortableSubagent(subagent.name(), subagent.description(), subagent.instructions(),
                subagent.models().stream().map(PortableModel::of).toList(), subagent.tools());
    }

    SubagentInput toInput() {
        return new SubagentInput(name, description, instructions, PortableAssistant.inputs(models), tools);
    }
}
