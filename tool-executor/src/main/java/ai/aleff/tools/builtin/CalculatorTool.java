package ai.aleff.tools.builtin;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aleff.tools.service.Tool;
import ai.aleff.tools.service.ToolException;

/** {@code calculator {"expression": "2*(3+4)"}}: exact decimal arithmetic. */
@ApplicationScoped
public class CalculatorTool implements Tool {

    @Override
    public String name() {
        return "calculator";
    }

    @Override
    public String description() {
        return "Evaluates an arithmetic expression with + - * / % ^ (integer exponents), unary minus, parentheses"
                + " and decimal numbers. Arguments: {\"expression\": \"2*(3+4)\"}.";
    }

    @Override
    public String execute(JsonNode arguments) {
        JsonNode expression = arguments.get("expression");
        if (expression == null || !expression.isTextual()) {
            throw new ToolException("argument 'expression' is required and must be a string");
        }
        return Calculator.evaluate(expression.textValue());
    }
}
