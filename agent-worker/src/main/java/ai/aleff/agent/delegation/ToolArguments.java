package ai.aleff.agent.delegation;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the string arguments of a tool call the model made; models produce broken JSON, so nothing throws. */
@ApplicationScoped
public class ToolArguments {

    private final ObjectMapper json;

    public ToolArguments(ObjectMapper json) {
        this.json = json;
    }

    /** The named string argument, trimmed, when the arguments are a JSON object holding a non-blank string. */
    public Optional<String> string(String arguments, String name) {
        try {
            JsonNode node = json.readTree(arguments == null ? "{}" : arguments);
            JsonNode value = node == null ? null : node.get(name);
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(value.asText().trim());
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
