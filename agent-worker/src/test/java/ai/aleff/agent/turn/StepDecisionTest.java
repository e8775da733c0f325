package ai.aleff.agent.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.aleff.agent.repository.Turn;
import ai.aleff.agent.repository.TurnStatus;
import ai.aleff.agent.session.SessionCommand;
import ai.aleff.contracts.events.AssistantConfiguration;

class StepDecisionTest {

    private static StepContext context(Turn turn, int maxToolIterations) {
        return new StepContext(turn, Optional.of(TurnFixtures.profile(maxToolIterations)),
                AssistantConfiguration.platformDefaults());
    }

    @Test
    void aTenantWithoutProfileGetsNoModelCall() {
        // Given a turn whose tenant was disabled after its message was accepted
        StepContext context = new StepContext(TurnFixtures.userTurn("hello", 0), Optional.empty(),
                AssistantConfiguration.platformDefaults());

        // When / Then the step ends the turn
        assertThat(StepDecision.of(context)).isInstanceOf(StepDecision.Unavailable.class);
    }

    @Test
    void aUsersSessionCommandIsAnsweredWithoutTheModel() {
        // When / Then a user's "/status" is a command, even past the tool limit
        assertThat(StepDecision.of(context(TurnFixtures.userTurn(" /STATUS ", 0), 10)))
                .isEqualTo(new StepDecision.Command(SessionCommand.STATUS, TurnFixtures.profile(10)));
    }

    @Test
    void aChildTurnsTextIsNeverASessionCommand() {
        // Given a child turn whose task the model wrote as "/reset"
        Turn child = new Turn("child-1", TurnFixtures.TENANT,
                TurnFixtures.CONVERSATION, "user-1", "api", "/reset", TurnStatus.RUNNING, 0,
                TurnFixtures.childTurn("writer").lineage());

        // When / Then it goes to the model
        assertThat(StepDecision.of(context(child, 10))).isInstanceOf(StepDecision.CallModel.class);
    }

    @Test
    void aTurnAtItsToolLimitStopsWithoutTheModel() {
        assertThat(StepDecision.of(context(TurnFixtures.userTurn("hello", 3), 3)))
                .isInstanceOf(StepDecision.ToolLimit.class);
        assertThat(StepDecision.of(context(TurnFixtures.userTurn("hello", 2), 3)))
                .isInstanceOf(StepDecision.CallModel.class);
    }
}
