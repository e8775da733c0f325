package ai.aleff.agent.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;

class StepLoopTest {

    @Test
    void turnsLeftRunningAreAdvancedDepthFirstInOrder() {
        // Given steps where a advances into a1 and a2, a1 into a1x, and b is left for last
        Map<String, List<String>> leaves = Map.of("a", List.of("a1", "a2"), "a1", List.of("a1x"));
        List<String> advanced = new ArrayList<>();

        // When the loop runs from a and b
        StepLoop.run(List.of("a", "b"), turn -> {
            advanced.add(turn);
            return Uni.createFrom().item(leaves.getOrDefault(turn, List.of()));
        }).await().atMost(Duration.ofSeconds(5));

        // Then each turn's continuations run before the turns after it, as the former recursion did
        assertThat(advanced).containsExactly("a", "a1", "a1x", "a2", "b");
    }

    @Test
    void aLongChainOfStepsDoesNotGrowTheStack() {
        // Given a turn whose every step leaves the next one RUNNING, 100,000 steps long
        int steps = 100_000;
        int[] count = {0};

        // When the loop runs it with steps that complete synchronously
        StepLoop.run(List.of("0"), turn -> {
            count[0]++;
            int n = Integer.parseInt(turn);
            return Uni.createFrom().item(n + 1 < steps ? List.of(String.valueOf(n + 1)) : List.<String>of());
        }).await().atMost(Duration.ofSeconds(30));

        // Then every step ran (no StackOverflowError)
        assertThat(count[0]).isEqualTo(steps);
    }

    @Test
    void nothingToAdvanceRunsNoStep() {
        // When the loop is given no turn, Then no step is called
        StepLoop.run(List.of(), turn -> {
            throw new AssertionError("no step expected, got " + turn);
        }).await().atMost(Duration.ofSeconds(5));
    }
}
