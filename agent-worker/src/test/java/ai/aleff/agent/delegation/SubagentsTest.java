package ai.aleff.agent.delegation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.langchain4j.agent.tool.ToolSpecification;

import ai.aleff.contracts.events.AssistantConfiguration.Subagent;

class SubagentsTest {

    private static Subagent subagent(String name, String instructions) {
        return new Subagent(name, "Does " + name + " work.", instructions, List.of(), List.of());
    }

    @Test
    void eachSubagentIsAToolTakingATaskWithItsDescription() {
        // When the tools for two subagents are built
        List<ToolSpecification> tools = Subagents.specifications(List.of(subagent("researcher", "R"),
                subagent("writer", "W")));

        // Then each is agent_<name>, described by its description, with a required task
        assertThat(tools).extracting(ToolSpecification::name).containsExactly("agent_researcher", "agent_writer");
        assertThat(tools.getFirst().description()).startsWith("Does researcher work.");
        assertThat(tools.getFirst().parameters().required()).containsExactly("task");
    }

    @Test
    void namesAProviderWouldRefuseAreNotOffered() {
        assertThat(Subagents.specifications(List.of(subagent("has space", "x"), subagent("ok", "y"))))
                .extracting(ToolSpecification::name)
                .containsExactly("agent_ok");
    }

    @Test
    void systemPromptStartsWithTheSubagentsInstructionsAndFallsBackToItsDescription() {
        assertThat(Subagents.systemPrompt(subagent("researcher", "Find facts."))).startsWith("Find facts.")
                .contains("delegated");
        assertThat(Subagents.systemPrompt(subagent("writer", null))).startsWith("You are writer. Does writer work.");
    }

    @Test
    void toolNameFindsOnlyCallableSubagents() {
        List<Subagent> callable = List.of(subagent("writer", "W"));
        assertThat(Subagents.forTool(callable, "agent_writer")).isPresent();
        assertThat(Subagents.forTool(callable, "agent_researcher")).isEmpty();
    }
}
