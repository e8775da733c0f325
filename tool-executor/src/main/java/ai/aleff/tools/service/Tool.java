package ai.aleff.tools.service;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A tool without side effects: running it twice is harmless. Implementations are CDI beans; the registry finds them
 * by {@link #name()}.
 */
public non-sealed interface Tool extends ToolDefinition {

    /**
     * Runs the tool.
     *
     * @param arguments the call's arguments, always a JSON object
     * @return the result text the model receives
     * @throws ToolException when the arguments are unusable or the tool cannot answer; its message goes to the model
     */
    String execute(JsonNode arguments);
}
