package ai.aleff.agent.delegation;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

import ai.aleff.contracts.events.AssistantConfiguration.Skill;

/**
 * A tenant's skills as the model sees them: a short list in the system prompt (name and description only, so the
 * prompt stays small however long the skills are) and the local tool {@code load_skill} that returns one skill's
 * Markdown when the model decides to use it.
 */
public final class Skills {

    public static final String LOAD_SKILL = "load_skill";
    public static final String NAME_ARG = "name";

    private static final ToolSpecification SPECIFICATION = ToolSpecification.builder()
            .name(LOAD_SKILL)
            .description("Loads the full instructions of one of the skills listed in the system prompt.")
            .parameters(JsonObjectSchema.builder()
                    .addStringProperty(NAME_ARG, "The skill's name, exactly as listed")
                    .required(NAME_ARG)
                    .build())
            .build();

    private Skills() {
    }

    public static ToolSpecification specification() {
        return SPECIFICATION;
    }

    /** The system-prompt addendum listing the skills; empty when the tenant has none. */
    public static String promptAddendum(List<Skill> skills) {
        if (skills.isEmpty()) {
            return "";
        }
        return skills.stream()
                .map(skill -> "- " + skill.name() + ": " + (skill.description() == null ? "" : skill.description()))
                .collect(Collectors.joining("\n",
                        "Skills are instructions for particular kinds of request. When a request matches one, call "
                                + LOAD_SKILL + " with its name first and follow what it returns.\n",
                        ""));
    }

    /** The result of {@code load_skill}: the skill's content, or an error that lists the valid names. */
    public static ToolRoute.Local load(List<Skill> skills, Optional<String> name) {
        Optional<Skill> skill = name.flatMap(n -> skills.stream().filter(s -> n.equals(s.name())).findFirst());
        if (skill.isEmpty()) {
            String valid = skills.stream().map(Skill::name).collect(Collectors.joining(", "));
            return ToolRoute.Local.error(name.map(n -> "unknown skill '" + n + "'").orElse("no skill name given")
                    + "; valid names: " + (valid.isEmpty() ? "(none)" : valid));
        }
        String content = skill.get().content() == null ? "" : skill.get().content();
        return new ToolRoute.Local(content, "skill.loaded", "skill=" + skill.get().name());
    }
}
