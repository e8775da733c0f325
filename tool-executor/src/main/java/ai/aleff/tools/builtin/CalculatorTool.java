package ai.aleff.tools.builtin;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aleff.contracts.tools.BuiltinTools;
import ai.aleff.contracts.tools.ToolContract;
import ai.aleff.tools.service.Tool;
import ai.aleff.tools.service.ToolException;

/** {@code calculator {"expression": "2*(3+4)"}}: exact decimal arithmetic. */
@ApplicationScoped
public class CalculatorTool implements Tool {

    @Override
    public ToolContract contract() {
        return BuiltinTools.CALCULATOR;
    }

    @Override
    public String execute(JsonNode arguments) {
        JsonNode expression = arguments.get(BuiltinTools.EXPRESSION_ARG);
        if (expression == null || !expression.isTextual()) {
            throw new ToolException("argument 'expression' is required and must be a string");
        }
        return Calculator.evaluate(expression.textValue());
    }
}
