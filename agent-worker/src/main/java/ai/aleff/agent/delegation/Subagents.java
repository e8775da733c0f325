package ai.aleff.agent.delegation;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

import ai.aleff.contracts.events.AssistantConfiguration.Subagent;

/** A tenant's subagents as the model sees them: one tool {@code agent_<name>} {task} each. */
public final class Subagents {

    public static final String TOOL_PREFIX = "agent_";
    public static final String TASK_ARG = "task";

    /** Providers accept tool names of letters, digits, '_' and '-' up to 64 characters. */
    private static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");

    private Subagents() {
    }

    public static boolean isSubagentTool(String toolName) {
        return toolName != null && toolName.startsWith(TOOL_PREFIX);
    }

    /** The subagent a tool name stands for, among those a turn may call. */
    public static Optional<Subagent> forTool(List<Subagent> subagents, String toolName) {
        return subagents.stream().filter(s -> toolName.equals(toolName(s))).findFirst();
    }

    /** Tools for the subagents a turn may call; names a provider would refuse are left out. */
    public static List<ToolSpecification> specifications(List<Subagent> callable) {
        return callable.stream()
                .filter(s -> s.name() != null && TOOL_NAME.matcher(toolName(s)).matches())
                .map(Subagents::specification)
                .toList();
    }

    /** A subagent's system prompt: its own instructions, then what a subagent is for. */
    public static String systemPrompt(Subagent subagent) {
        String instructions = subagent.instructions() == null || subagent.instructions().isBlank()
                ? "You are " + subagent.name() + ". " + (subagent.description() == null ? "" : subagent.description())
                : subagent.instructions();
        return instructions + "\n\nYou are working on a task another assistant delegated to you; you do not see its "
                + "conversation. Do the task and answer with the result only.";
    }

    static String toolName(Subagent subagent) {
        return TOOL_PREFIX + subagent.name();
    }

    private static ToolSpecification specification(Subagent subagent) {
        return ToolSpecification.builder()
                .name(toolName(subagent))
                .description((subagent.description() == null ? "A subagent." : subagent.description())
                        + " It works on its own and answers with its result.")
                .parameters(JsonObjectSchema.builder()
                        .addStringProperty(TASK_ARG,
                                "The task, with everything needed to do it: the subagent does not see this "
                                        + "conversation")
                        .required(TASK_ARG)
                        .build())
                .build();
    }
}
