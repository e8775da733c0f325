package ai.aleff.contracts.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;

import ai.aleff.contracts.EventType;

/** Every built-in tool's contract is a valid JSON Schema the tool-call event can carry. */
class BuiltinToolsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    static List<ToolContract> contracts() {
        return BuiltinTools.all();
    }

    private static JsonSchema arguments(ToolContract contract) {
        return SCHEMAS.getSchema(contract.argumentsSchema());
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void argumentsSchemaIsAValidDraft202012Schema(ToolContract contract) throws IOException {
        // Given the 2020-12 meta-schema
        JsonSchema meta = SCHEMAS.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        // When the tool's arguments schema is validated against it
        JsonNode schema = JSON.readTree(contract.argumentsSchema());

        // Then it is a schema, of an object, with exactly the contract's arguments
        assertThat(meta.validate(schema)).isEmpty();
        assertThat(schema.get("type").asText()).isEqualTo("object");
        Set<String> properties = new TreeSet<>();
        schema.get("properties").fieldNames().forEachRemaining(properties::add);
        assertThat(properties).containsExactlyInAnyOrderElementsOf(
                contract.arguments().stream().map(ToolArgument::name).toList());
        assertThat(JSON.convertValue(schema.get("required"), List.class))
                .containsExactlyElementsOf(contract.requiredArguments());
    }

    @ParameterizedTest
    @MethodSource("contracts")
    void everyToolNameFitsTheToolCallRequestedEvent(ToolContract contract) throws IOException {
        // Given the toolName property of the ToolCallRequested schema
        JsonNode toolName;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream(EventType.TOOL_CALL_REQUESTED.schemaResource())) {
            toolName = JSON.readTree(in).at("/properties/toolName");
        }

        // Then the tool's name is a valid value of it
        assertThat(SCHEMAS.getSchema(toolName).validate(JSON.valueToTree(contract.name()))).isEmpty();
    }

    @Test
    void theAsyncApiDocumentListsExactlyTheBuiltinTools() throws IOException {
        // Given the tools the AsyncAPI document names for ToolCallRequested
        JsonNode listed;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("asyncapi.yaml")) {
            listed = new ObjectMapper(new YAMLFactory()).readTree(in)
                    .at("/components/messages/ToolCallRequested/x-builtin-tools");
        }

        // Then they are the contracts' tools, no more, no less
        assertThat(JSON.convertValue(listed, List.class)).containsExactlyInAnyOrderElementsOf(BuiltinTools.names());
    }

    @Test
    void theSampleToolCallsArgumentsMatchTheirToolsSchema() {
        // Given the arguments of calls the model makes
        // Then each tool's schema accepts well-formed arguments and refuses a call without a required one
        assertThat(arguments(BuiltinTools.CALCULATOR).validate("{\"expression\":\"1+1\"}", InputFormat.JSON))
                .isEmpty();
        assertThat(arguments(BuiltinTools.CALCULATOR).validate("{}", InputFormat.JSON)).isNotEmpty();
        assertThat(arguments(BuiltinTools.TIME_NOW).validate("{}", InputFormat.JSON)).isEmpty();
        assertThat(arguments(BuiltinTools.FORGET).validate("{\"all\":\"yes\"}", InputFormat.JSON)).isNotEmpty();
        assertThat(arguments(BuiltinTools.REMEMBER).validate("{\"fact\":\"Likes tea\"}", InputFormat.JSON))
                .isEmpty();
    }

    @Test
    void namesAreUniqueAndLookedUpByName() {
        assertThat(BuiltinTools.names()).hasSize(BuiltinTools.all().size())
                .containsExactlyInAnyOrder("time_now", "calculator", "remember", "recall", "forget");
        assertThat(BuiltinTools.named("calculator")).contains(BuiltinTools.CALCULATOR);
        assertThat(BuiltinTools.named("load_skill")).isEmpty();
        assertThat(BuiltinTools.named(null)).isEmpty();
    }

    @Test
    void onlyTheMemoryWritesAreSideEffecting() {
        assertThat(BuiltinTools.all().stream().filter(ToolContract::sideEffecting).map(ToolContract::name))
                .containsExactlyInAnyOrder("remember", "forget");
    }

    @Test
    void descriptionsAreEscapedInTheSchemaText() throws IOException {
        // Given an argument whose description has quotes, a backslash and a newline
        ToolContract contract = new ToolContract("echo", "Says \"it\" back",
                List.of(ToolArgument.required("text", ToolArgument.Type.STRING, "a \"quoted\" \\ path\nline")),
                false);

        // Then the schema text is JSON that carries it exactly
        assertThat(JSON.readTree(contract.argumentsSchema()).at("/properties/text/description").asText())
                .isEqualTo("a \"quoted\" \\ path\nline");
    }

    @Test
    void namesProvidersRefuseAreRefused() {
        assertThatThrownBy(() -> new ToolContract("has space", "x", List.of(), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ToolContract("t".repeat(65), "x", List.of(), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ToolContract("twice", "x",
                List.of(ToolArgument.optional("a", ToolArgument.Type.STRING, "a"),
                        ToolArgument.optional("a", ToolArgument.Type.BOOLEAN, "a")),
                false)).isInstanceOf(IllegalArgumentException.class);
    }
}
