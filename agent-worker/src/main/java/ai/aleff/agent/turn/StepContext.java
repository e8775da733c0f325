package ai.aleff.agent.turn;

import java.util.Optional;

import ai.aleff.agent.repository.Turn;
import ai.aleff.agent.tenant.AssistantProfile;
import ai.aleff.contracts.events.AssistantConfiguration;

/**
 * What one step of a turn decides with: the turn as read, and its tenant's assistant from ONE snapshot of the
 * tenant directory, so the plan offered to the model and the routing of the model's tool requests agree even when
 * the configuration changes during the step.
 *
 * @param turn the RUNNING turn at the iteration this step works on
 * @param profile the tenant's assistant profile; empty when the tenant is unknown or disabled
 * @param assistant the tenant's raw configuration (skills, subagents, tools) of the same snapshot
 * @param memoryAllowed whether memory tools are offered and may run ({@code MemoryAccess})
 */
public record StepContext(Turn turn, Optional<AssistantProfile> profile, AssistantConfiguration assistant,
        boolean memoryAllowed) {

    /** A context without memory tools. */
    public StepContext(Turn turn, Optional<AssistantProfile> profile, AssistantConfiguration assistant) {
        this(turn, profile, assistant, false);
    }
}
