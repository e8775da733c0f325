package ai.aleff.tenant.service;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.platform.rest.Problem.FieldError;

/**
 * An assistant configuration without secrets: what an export contains, an import applies and a template holds. It
 * has the fields of {@link AssistantInput}, but its models carry at most a flag that a key is needed, never a stored
 * key, so a document of this type can be shown, stored and copied to another tenant.
 */
@Schema(name = "PortableAssistant", description = "An assistant configuration without secrets; the fields and limits of AssistantInput.")
public record PortableAssistant(String instructions, List<PortableModel> models, List<String> tools,
        List<PortableSubagent> subagents, List<AssistantConfiguration.Skill> skills, Integer maxToolIterations,
        Integer historyTokenBudget) {

    /** The configuration with every key removed (only whether each model had one). */
    public static PortableAssistant of(AssistantConfiguration c) {
        return new PortableAssistant(c.instructions(), c.models().stream().map(PortableModel::of).toList(), c.tools(),
                c.subagents().stream().map(PortableSubagent::of).toList(), c.skills(), c.maxToolIterations(),
                c.historyTokenBudget());
    }

    /** As a PUT of the assistant: supplied keys are stored, required ones without a key kept from the tenant. */
    public AssistantInput toInput() {
        return new AssistantInput(instructions, inputs(models), tools,
                subagents == null ? null : subagents.stream().map(s -> s == null ? null : s.toInput()).toList(),
                skills, maxToolIterations, historyTokenBudget);
    }

    /** Entries that carry or need a key: a template holds none and a new tenant has none to keep. */
    public List<FieldError> keyErrors(String prefix) {
        List<FieldError> errors = new ArrayList<>();
        keyErrors(prefix + "models", models, errors);
        if (subagents != null) {
            for (int i = 0; i < subagents.size(); i++) {
                if (subagents.get(i) != null) {
                    keyErrors(prefix + "subagents[" + i + "].models", subagents.get(i).models(), errors);
                }
            }
        }
        return errors;
    }

    private static void keyErrors(String path, List<PortableModel> models, List<FieldError> errors) {
        if (models == null) {
            return;
        }
        for (int i = 0; i < models.size(); i++) {
            PortableModel model = models.get(i);
            if (model != null && (model.apiKey() != null || model.needsKey())) {
                errors.add(new FieldError(path + "[" + i + "]", "a template holds no API key and cannot need one: "
                        + "leave apiKey and apiKeyRequired out (the model then uses the platform's key)"));
            }
        }
    }

    static List<ModelInput> inputs(List<PortableModel> models) {
        return models == null ? null : models.stream().map(m -> m == null ? null : m.toInput()).toList();
    }
}
