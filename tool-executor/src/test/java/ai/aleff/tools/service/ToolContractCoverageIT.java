package ai.aleff.tools.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

import ai.aleff.contracts.tools.BuiltinTools;
import ai.aleff.contracts.tools.ToolContract;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

/**
 * The executor implements exactly the built-in tool contracts: a tool without one, or a contract no tool
 * implements, fails here. Tools of the tests' own {@code testing} package are left out.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class ToolContractCoverageIT {

    private static final String TEST_TOOLS = "ai.aleff.tools.testing";

    @Inject
    ToolRegistry registry;

    private List<ToolDefinition> platformTools() {
        return registry.names()
                .stream()
                .map(name -> registry.find(name).orElseThrow())
                .filter(tool -> !tool.getClass().getName().startsWith(TEST_TOOLS))
                .toList();
    }

    @Test
    void everyToolImplementsABuiltinContractAndEveryContractHasATool() {
        // Given the tools the executor registered
        List<ToolContract> implemented = platformTools().stream().map(ToolDefinition::contract).toList();

        // Then they implement the built-in contracts one to one
        assertThat(implemented).containsExactlyInAnyOrderElementsOf(BuiltinTools.all());
    }

    @Test
    void sideEffectingToolsRunInTheTransactionThatRecordsTheirOutcome() {
        // Given the tools whose contract says a run changes state
        // Then each is a DatabaseTool, so its effect commits once with the call's recorded outcome
        platformTools().stream()
                .filter(tool -> tool.contract().sideEffecting())
                .forEach(tool -> assertThat(tool).as(tool.name()).isInstanceOf(DatabaseTool.class));
    }
}
