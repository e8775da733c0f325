package ai.aleff.tools.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aleff.contracts.tools.ToolContract;
import ai.aleff.tools.builtin.CalculatorTool;

class ToolRunnerTest {

    private final AtomicBoolean interrupted = new AtomicBoolean();
    private final CountDownLatch never = new CountDownLatch(1);
    private final ToolRunner runner = new ToolRunner(Duration.ofMillis(300));

    @AfterEach
    void close() {
        runner.close();
    }

    @Test
    void runsAKnownToolWithObjectArguments() {
        // Given a calculator call, When run, Then the outcome carries the result
        ToolOutcome outcome = run(new CalculatorTool(), "{\"expression\":\"6*7\"}");
        assertThat(outcome.ok()).isTrue();
        assertThat(outcome.result()).isEqualTo("42");
    }

    @Test
    void answersUnusableArgumentsWithTheToolsOwnError() {
        // Given calculator calls with a missing or mistyped expression, When run, Then each is a short error
        assertThat(run(new CalculatorTool(), "{}").error()).contains("'expression' is required");
        assertThat(run(new CalculatorTool(), "{\"expression\":5}").error()).contains("must be a string");
    }

    @Test
    void turnsAToolCrashIntoAnError() {
        // Given a tool that throws unexpectedly, When run, Then the outcome is an error without internals
        assertThat(run(new BrokenTool(), "{}").error()).isEqualTo("tool 'broken' failed unexpectedly");
    }

    @Test
    void abandonsAndInterruptsAToolThatRunsTooLong() {
        // Given a tool that never finishes, When run with a 300 ms timeout, Then it ends as a timeout error
        ToolOutcome outcome = run(new SlowTool(), "{}");
        assertThat(outcome.error()).isEqualTo("tool 'slow' timed out after 300 ms");
        // And the abandoned run is interrupted rather than left running
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilTrue(interrupted);
    }

    private ToolOutcome run(Tool tool, String arguments) {
        return runner.run(tool, ToolArguments.parse(new ObjectMapper(), arguments)).await()
                .atMost(Duration.ofSeconds(10));
    }

    private final class SlowTool implements Tool {
        @Override
        public ToolContract contract() {
            return new ToolContract("slow", "never finishes", List.of(), false);
        }

        @Override
        public String execute(JsonNode arguments) {
            try {
                never.await();
                return "finished";
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw new ToolException("interrupted");
            }
        }
    }

    private static final class BrokenTool implements Tool {
        @Override
        public ToolContract contract() {
            return new ToolContract("broken", "always fails", List.of(), false);
        }

        @Override
        public String execute(JsonNode arguments) {
            throw new IllegalStateException("internal detail that must not reach the model");
        }
    }
}
