package ai.aleff.agent.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.aleff.platform.events.CloudEvent;

class StepTest {

    @Test
    void withEventsKeepsTheChildTurnsToAdvance() {
        // Given a tool step that started two child turns and published one event
        CloudEvent<?> own = TurnFixtures.AUDIT.turnFailed(TurnFixtures.userTurn("hi", 0), "own");
        Step step = new Step(List.of(own), Optional.empty(), List.of("child-a", "child-b"));
        CloudEvent<?> earlier = TurnFixtures.AUDIT.turnFailed(TurnFixtures.userTurn("hi", 1), "earlier");

        // When earlier events of the same transaction are added
        Step combined = step.withEvents(List.of(earlier));

        // Then the events come first, and the child turns are still there to advance
        assertThat(combined.events()).containsExactly(earlier, own);
        assertThat(combined.more()).containsExactly("child-a", "child-b");
        assertThat(combined.toAdvance()).containsExactly("child-a", "child-b");
    }

    @Test
    void theNextTurnIsAdvancedBeforeTheChildTurns() {
        // Given a step that moves its own turn on and started a child turn
        Step step = new Step(List.of(), Optional.of("parent"), List.of("child"));

        // When / Then the turns after its commit are the parent first, then the child
        assertThat(step.toAdvance()).containsExactly("parent", "child");
        assertThat(Step.nothing().toAdvance()).isEmpty();
    }
}
