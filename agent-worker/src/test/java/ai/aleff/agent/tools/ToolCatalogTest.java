package ai.aleff.agent.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;

import ai.aleff.agent.delegation.Skills;
import ai.aleff.agent.delegation.Subagents;
import ai.aleff.contracts.tools.BuiltinTools;
import ai.aleff.contracts.tools.ToolArgument;
import ai.aleff.contracts.tools.ToolContract;

/** The model is offered exactly the built-in tool contracts, argument for argument. */
class ToolCatalogTest {

    private final List<ToolSpecification> specifications = new ToolCatalog().specifications();

    @Test
    void everyBuiltinToolIsOfferedWithItsContractsNameDescriptionAndArguments() {
        // Given the contracts and the catalog
        // Then they correspond one to one, in order
        assertThat(specifications).extracting(ToolSpecification::name)
                .containsExactlyElementsOf(BuiltinTools.all().stream().map(ToolContract::name).toList());
        for (ToolContract contract : BuiltinTools.all()) {
            ToolSpecification spec = specifications.get(BuiltinTools.all().indexOf(contract));
            assertThat(spec.description()).isEqualTo(contract.description());
            JsonObjectSchema parameters = spec.parameters();
            assertThat(parameters.properties().keySet())
                    .containsExactlyElementsOf(contract.arguments().stream().map(ToolArgument::name).toList());
            assertThat(parameters.required() == null ? List.of() : parameters.required())
                    .containsExactlyElementsOf(contract.requiredArguments());
            for (ToolArgument argument : contract.arguments()) {
                JsonSchemaElement element = parameters.properties().get(argument.name());
                assertThat(element.description()).isEqualTo(argument.description());
                assertThat(element).isInstanceOf(switch (argument.type()) {
                    case STRING -> JsonStringSchema.class;
                    case BOOLEAN -> JsonBooleanSchema.class;
                    default -> JsonSchemaElement.class;
                });
            }
        }
    }

    @Test
    void noPlatformToolShadowsAToolTheWorkerAnswersItself() {
        // Given the worker-side tools: load_skill and agent_<subagent>
        // Then no platform tool takes one of their names
        assertThat(specifications).extracting(ToolSpecification::name)
                .doesNotContain(Skills.LOAD_SKILL)
                .noneMatch(Subagents::isSubagentTool);
    }
}
