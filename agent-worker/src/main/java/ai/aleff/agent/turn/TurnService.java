package ai.aleff.agent.turn;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.agent.repository.ToolCallRepository;
import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.ToolCallCompleted;

/**
 * The turn's entry points. A turn runs through named stages: {@link TurnIntake} admits and queues a message,
 * {@link ModelStep} takes a RUNNING turn's next step with its tenant's assistant, {@link ToolRound} records and
 * routes the model's tool requests, {@link ToolResults} collects their results and {@link TurnCompletion} replies or
 * answers a parent's call. Each stage commits through {@link TurnTransactions} and returns the turns it left
 * RUNNING; this class advances them until none is left ({@link StepLoop}).
 */
@ApplicationScoped
public class TurnService {

    private final TurnIntake intake;
    private final ModelStep steps;
    private final ToolResults results;

    public TurnService(TurnIntake intake, ModelStep steps, ToolResults results) {
        this.intake = intake;
        this.steps = steps;
        this.results = results;
    }

    /**
     * Starts (or queues, or resumes after a redelivery) the turn of an inbound message. A message of a tenant that
     * is unknown or disabled is refused: no model call, no reply, a {@code message.refused} audit record.
     */
    public Uni<Void> onMessage(MessageReceived message) {
        return intake.receive(message).chain(running -> advanceAll(message.tenantId(), running));
    }

    /** Records a tool outcome; the turn continues once every call of its current round is done. */
    public Uni<Void> onToolResult(ToolCallCompleted completed) {
        return results.onResult(completed).chain(running -> advanceAll(completed.tenantId(), running));
    }

    /**
     * Gives a call whose result did not arrive within {@code aleff.agent.tool-timeout} an error result, so the turn
     * goes on; the same guard as a real result applies, so whichever comes first wins and the other is ignored.
     */
    public Uni<Void> onToolTimeout(ToolCallRepository.OverdueCall call) {
        return results.onTimeout(call).chain(running -> advanceAll(call.tenantId(), running));
    }

    /**
     * Runs the next steps of a RUNNING turn with its tenant's assistant (instructions, model chain, tools, limits):
     * a session command is answered without a model, anything else goes to the model. Other turns are left alone.
     */
    public Uni<Void> advance(String tenantId, String turnId) {
        return advanceAll(tenantId, List.of(turnId));
    }

    /** A stage's follow-ups (next iteration, queued turn, child turns) are all of the stage's tenant. */
    private Uni<Void> advanceAll(String tenantId, List<String> running) {
        return StepLoop.run(running, turnId -> steps.advance(tenantId, turnId));
    }
}
