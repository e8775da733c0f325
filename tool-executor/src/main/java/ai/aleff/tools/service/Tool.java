package ai.aleff.tools.service;

import com.fasterxml.jackson.databind.JsonNode;

/** One tool the model can call. Implementations are CDI beans; the registry finds them by {@link #name()}. */
public interface Tool {

    /** The name the model calls the tool by, e.g. {@code calculator}. */
    String name();

    /** What the tool does, for the model. */
    String description();

    /**
     * Runs the tool.
     *
     * @param arguments the call's arguments, always a JSON object
     * @return the result text the model receives
     * @throws ToolException when the arguments are unusable or the tool cannot answer; its message goes to the model
     */
    String execute(JsonNode arguments);
}
