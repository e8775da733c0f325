package ai.aleff.agent.tools;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

import ai.aleff.contracts.tools.BuiltinTools;
import ai.aleff.contracts.tools.ToolArgument;
import ai.aleff.contracts.tools.ToolContract;

/**
 * The platform tools offered to the model, built from their contracts in {@link BuiltinTools}, which tool-executor
 * implements. The tools the worker answers itself ({@code load_skill}, {@code agent_<name>}) are offered by the
 * delegation package, not here.
 */
@ApplicationScoped
public class ToolCatalog {

    public static final String TIME_NOW = BuiltinTools.TIME_NOW.name();
    public static final String CALCULATOR = BuiltinTools.CALCULATOR.name();
    public static final String TIMEZONE_ARG = BuiltinTools.TIMEZONE_ARG;
    public static final String EXPRESSION_ARG = BuiltinTools.EXPRESSION_ARG;
    public static final String REMEMBER = BuiltinTools.REMEMBER.name();
    public static final String RECALL = BuiltinTools.RECALL.name();
    public static final String FORGET = BuiltinTools.FORGET.name();
    public static final String FACT_ARG = BuiltinTools.FACT_ARG;
    public static final String QUERY_ARG = BuiltinTools.QUERY_ARG;
    public static final String ID_ARG = BuiltinTools.ID_ARG;
    public static final String ALL_ARG = BuiltinTools.ALL_ARG;
    /** The tools that act on one end user's memory: their calls and results belong to that user's turns only. */
    public static final Set<String> MEMORY_TOOLS = Set.of(REMEMBER, RECALL, FORGET);

    private static final List<ToolSpecification> SPECIFICATIONS = BuiltinTools.all()
            .stream()
            .map(ToolCatalog::specification)
            .toList();

    public List<ToolSpecification> specifications() {
        return SPECIFICATIONS;
    }

    /** The LangChain4j form of a tool contract: the same name, description and argument schema. */
    static ToolSpecification specification(ToolContract contract) {
        JsonObjectSchema.Builder parameters = JsonObjectSchema.builder();
        for (ToolArgument argument : contract.arguments()) {
            switch (argument.type()) {
                case STRING -> parameters.addStringProperty(argument.name(), argument.description());
                case BOOLEAN -> parameters.addBooleanProperty(argument.name(), argument.description());
                case INTEGER -> parameters.addIntegerProperty(argument.name(), argument.description());
                case NUMBER -> parameters.addNumberProperty(argument.name(), argument.description());
            }
        }
        if (!contract.requiredArguments().isEmpty()) {
            parameters.required(contract.requiredArguments());
        }
        return ToolSpecification.builder()
                .name(contract.name())
                .description(contract.description())
                .parameters(parameters.build())
                .build();
    }
}
