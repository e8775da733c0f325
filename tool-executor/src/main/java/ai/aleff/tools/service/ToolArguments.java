package ai.aleff.tools.service;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** Turns the arguments text the model produced into a JSON object, or a {@link ToolException} saying why not. */
public final class ToolArguments {

    private ToolArguments() {
    }

    public static JsonNode parse(ObjectMapper json, String arguments) {
        // Models commonly send an empty string for a call without arguments.
        if (arguments == null || arguments.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        JsonNode node;
        try {
            node = json.readTree(arguments);
        } catch (IOException e) {
            throw new ToolException("arguments are not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new ToolException("arguments must be a JSON object");
        }
        return node;
    }

    /** The text of an optional string argument, null when absent or JSON null. */
    public static String optionalString(JsonNode arguments, String name) {
        JsonNode value = arguments.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ToolException("argument '" + name + "' must be a string");
        }
        return value.textValue();
    }

    /** The text of a required string argument. */
    public static String requiredString(JsonNode arguments, String name) {
        String value = optionalString(arguments, name);
        if (value == null) {
            throw new ToolException("argument '" + name + "' is required and must be a string");
        }
        return value;
    }
}
