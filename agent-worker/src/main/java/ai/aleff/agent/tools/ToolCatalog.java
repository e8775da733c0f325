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
                    .build());

    public List<ToolSpecification> specifications() {
        return SPECIFICATIONS;
    }
}
