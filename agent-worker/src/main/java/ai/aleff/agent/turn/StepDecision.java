package ai.aleff.agent.turn;

import java.util.Optional;

import ai.aleff.agent.repository.Turn;
import ai.aleff.agent.session.SessionCommand;
import ai.aleff.agent.tenant.AssistantProfile;

/** What the next step of a RUNNING turn is, decided from its context alone. */
sealed interface StepDecision {

    /** The tenant was disabled (or vanished) after its message was accepted: the turn ends, no model call. */
    record Unavailable() implements StepDecision {
    }

    /** A session command: answered without a model. */
    record Command(SessionCommand command, AssistantProfile profile) implements StepDecision {
    }

    /** The turn used up its tool iterations: it ends with an apology, no model call. */
    record ToolLimit(AssistantProfile profile) implements StepDecision {
    }

    /** The model is asked for the next step. */
    record CallModel(AssistantProfile profile) implements StepDecision {
    }

    static StepDecision of(StepContext context) {
        if (context.profile().isEmpty()) {
            return new Unavailable();
        }
        AssistantProfile profile = context.profile().get();
        Turn turn = context.turn();
        // A child turn's text is a task the model wrote, never a user's session command.
        Optional<SessionCommand> command = turn.isChild() ? Optional.empty() : SessionCommand.parse(turn.userText());
        if (command.isPresent()) {
            return new Command(command.get(), profile);
        }
        if (turn.iteration() >= profile.maxToolIterations()) {
            return new ToolLimit(profile);
        }
        return new CallModel(profile);
    }
}
