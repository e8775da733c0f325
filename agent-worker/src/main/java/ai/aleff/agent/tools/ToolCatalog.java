package ai.aleff.agent.tools;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

/**
 * The tools offered to the model. tool-executor implements them under exactly these names and argument names, so
 * a change here is a contract change.
 */
@ApplicationScoped
public class ToolCatalog {

    public static final String TIME_NOW = "time_now";
    public static final String CALCULATOR = "calculator";
    public static final String TIMEZONE_ARG = "timezone";
    public static final String EXPRESSION_ARG = "expression";
    public static final String REMEMBER = "remember";
    public static final String RECALL = "recall";
    public static final String FORGET = "forget";
    public static final String FACT_ARG = "fact";
    public static final String QUERY_ARG = "query";
    public static final String ID_ARG = "id";
    public static final String ALL_ARG = "all";

    private static final List<ToolSpecification> SPECIFICATIONS = List.of(
            ToolSpecification.builder()
                    .name(TIME_NOW)
                    .description("Current date and time in a time zone.")
                    .parameters(JsonObjectSchema.builder()
                            .addStringProperty(TIMEZONE_ARG, "IANA time zone id, such as Europe/Lisbon")
                            .required(TIMEZONE_ARG)
                            .build())
                    .build(),
            ToolSpecification.builder()
                    .name(CALCULATOR)
                    .description("Evaluates an arithmetic expression exactly.")
                    .parameters(JsonObjectSchema.builder()
                            .addStringProperty(EXPRESSION_ARG,
                                    "Arithmetic with + - * / % ^ and parentheses, such as 2*(3+4)")
                            .required(EXPRESSION_ARG)
                            .build())
                    .build(),
            ToolSpecification.builder()
                    .name(REMEMBER)
                    .description("Remember a durable fact about the user for future conversations (a preference,"
                            + " a name, a detail they asked you to keep). One short fact per call; answers with the"
                            + " fact's id. Only this user ever sees it.")
                    .parameters(JsonObjectSchema.builder()
                            .addStringProperty(FACT_ARG,
                                    "The fact as one self-contained sentence, at most 1000 characters, such as"
                                            + " 'Prefers answers in Portuguese'")
                            .required(FACT_ARG)
                            .build())
                    .build(),
            ToolSpecification.builder()
                    .name(RECALL)
                    .description("Recall facts remembered about the user in earlier conversations. With a query,"
                            + " lists the facts containing its words; without one, the newest facts. Each fact"
                            + " comes with its id.")
                    .parameters(JsonObjectSchema.builder()
                            .addStringProperty(QUERY_ARG, "Optional words to look for, such as 'coffee allergy'")
                            .build())
                    .build(),
            ToolSpecification.builder()
                    .name(FORGET)
                    .description("Forget remembered facts about the user, when they ask you to or a fact is wrong"
                            + " or outdated: one fact by id (from recall), the facts containing every word of a"
                            + " query, or all facts. Give exactly one of id, query or all.")
                    .parameters(JsonObjectSchema.builder()
                            .addStringProperty(ID_ARG, "The id of one fact, as recall shows it, such as '12'")
                            .addStringProperty(QUERY_ARG, "Words every fact to forget contains")
                            .addBooleanProperty(ALL_ARG, "true to forget everything remembered about the user")
                            .build())
                    .build());

    public List<ToolSpecification> specifications() {
        return SPECIFICATIONS;
    }
}
