package ai.aleff.tools.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ToolArgumentsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void acceptsObjectsAndTreatsNoArgumentsAsAnEmptyObject() {
        // Given object text, or nothing, When parsed, Then an object comes back
        assertThat(ToolArguments.parse(json, "{\"a\":\"b\"}").path("a").asText()).isEqualTo("b");
        assertThat(ToolArguments.parse(json, "").isObject()).isTrue();
        assertThat(ToolArguments.parse(json, null).size()).isZero();
    }

    @Test
    void refusesTextThatIsNotAJsonObject() {
        // Given broken JSON, an array and a string, When parsed, Then each is a short error for the model
        assertThatThrownBy(() -> ToolArguments.parse(json, "{not json")).hasMessage("arguments are not valid JSON");
        assertThatThrownBy(() -> ToolArguments.parse(json, "[1,2]")).hasMessage("arguments must be a JSON object");
        assertThatThrownBy(() -> ToolArguments.parse(json, "\"2+2\"")).hasMessage("arguments must be a JSON object");
    }

    @Test
    void stringArgumentsMustBeStrings() {
        // Given a number where a string belongs, and a missing required argument, When read, Then errors say so
        assertThatThrownBy(() -> ToolArguments.optionalString(json.createObjectNode().put("q", 5), "q"))
                .hasMessage("argument 'q' must be a string");
        assertThatThrownBy(() -> ToolArguments.requiredString(json.createObjectNode(), "fact"))
                .hasMessage("argument 'fact' is required and must be a string");
        assertThat(ToolArguments.optionalString(json.createObjectNode().putNull("q"), "q")).isNull();
    }
}
