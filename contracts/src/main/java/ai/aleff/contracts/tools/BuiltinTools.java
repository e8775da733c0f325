package ai.aleff.contracts.tools;

import static ai.aleff.contracts.tools.ToolArgument.Type.BOOLEAN;
import static ai.aleff.contracts.tools.ToolArgument.Type.STRING;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The platform's built-in tools, each defined once: tool-executor implements every one of them, agent-worker offers
 * them to the model and tenant-service accepts exactly these names in an assistant's {@code tools}. Tools the agent
 * worker answers itself ({@code load_skill}, {@code agent_<subagent>}) are not platform tools and are not here.
 */
public final class BuiltinTools {

    public static final String TIMEZONE_ARG = "timezone";
    public static final String EXPRESSION_ARG = "expression";
    public static final String FACT_ARG = "fact";
    public static final String QUERY_ARG = "query";
    public static final String ID_ARG = "id";
    public static final String ALL_ARG = "all";

    public static final ToolContract TIME_NOW = new ToolContract("time_now",
            "Current date and time in a time zone.",
            List.of(ToolArgument.optional(TIMEZONE_ARG, STRING,
                    "IANA time zone id, such as Europe/Lisbon; UTC when absent")),
            false);

    public static final ToolContract CALCULATOR = new ToolContract("calculator",
            "Evaluates an arithmetic expression exactly, with decimal numbers.",
            List.of(ToolArgument.required(EXPRESSION_ARG, STRING,
                    "Arithmetic with + - * / % ^ (integer exponents), unary minus and parentheses, such as"
                            + " 2*(3+4)")),
            false);

    public static final ToolContract REMEMBER = new ToolContract("remember",
            "Remember a durable fact about the user for future conversations (a preference, a name, a detail they"
                    + " asked you to keep). One short fact per call; answers with the fact's id. Facts are kept per"
                    + " user and only this user's turns get them back, but every participant of a group conversation"
                    + " sees your replies.",
            List.of(ToolArgument.required(FACT_ARG, STRING,
                    "The fact as one self-contained sentence, at most 1000 characters, such as 'Prefers answers in"
                            + " Portuguese'")),
            true);

    public static final ToolContract RECALL = new ToolContract("recall",
            "Recall facts remembered about the user in earlier conversations. With a query, lists the facts"
                    + " containing its words; without one, the newest facts. Each fact comes with its id.",
            List.of(ToolArgument.optional(QUERY_ARG, STRING, "Optional words to look for, such as 'coffee allergy'")),
            false);

    public static final ToolContract FORGET = new ToolContract("forget",
            "Forget remembered facts about the user, when they ask you to or a fact is wrong or outdated: one fact"
                    + " by id (from recall), the facts containing every word of a query, or all facts. Give exactly"
                    + " one of id, query or all.",
            List.of(ToolArgument.optional(ID_ARG, STRING, "The id of one fact, as recall shows it, such as '12'"),
                    ToolArgument.optional(QUERY_ARG, STRING, "Words every fact to forget contains"),
                    ToolArgument.optional(ALL_ARG, BOOLEAN, "true to forget everything remembered about the user")),
            true);

    private static final List<ToolContract> ALL = List.of(TIME_NOW, CALCULATOR, REMEMBER, RECALL, FORGET);
    private static final Map<String, ToolContract> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(ToolContract::name, Function.identity()));

    private BuiltinTools() {
    }

    /** Every built-in tool, in the order the model is offered them. */
    public static List<ToolContract> all() {
        return ALL;
    }

    /** The names of the built-in tools. */
    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    public static Optional<ToolContract> named(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }
}
