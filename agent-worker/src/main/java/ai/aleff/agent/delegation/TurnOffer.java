package ai.aleff.agent.delegation;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aleff.agent.config.AgentSettings;
import ai.aleff.agent.repository.Turn;
import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.AssistantConfiguration.Subagent;

/**
 * What a turn may use beyond the platform tools: the planner offers exactly this to the model and the router
 * refuses anything else, so a model that names a tool it was not offered gets an error result, not the tool.
 */
@ApplicationScoped
public class TurnOffer {

    private final AgentSettings settings;

    public TurnOffer(AgentSettings settings) {
        this.settings = settings;
    }

    /** Subagents the turn may delegate to: none at the depth limit, and a subagent never calls itself. */
    public List<Subagent> callableSubagents(Turn turn, AssistantConfiguration assistant) {
        if (turn.lineage().depth() >= settings.maxSubagentDepth()) {
            return List.of();
        }
        String self = turn.lineage().subagent();
        return TenantAssistants.subagents(assistant)
                .stream()
                .filter(s -> s.name() != null && !s.name().equals(self))
                .toList();
    }

    /** Skills are the user-facing assistant's; a subagent works only with its own instructions. */
    public boolean offersSkills(Turn turn, AssistantConfiguration assistant) {
        return !turn.isChild() && !TenantAssistants.skills(assistant).isEmpty();
    }

    /**
     * Whether a platform tool may run for this turn. A child turn may use only its subagent's tools that the tenant
     * also allows (a subagent without tools has none); a user's turn the tenant's listed tools (all when none are listed).
     */
    public boolean allowsPlatformTool(Turn turn, AssistantConfiguration assistant, String toolName) {
        List<String> tenantTools = TenantAssistants.tools(assistant);
        if (!turn.isChild()) {
            // The tenant's list binds what runs, not only what the model is offered: a model that names an
            // unlisted tool anyway gets an error result instead of a tool-executor run.
            return tenantTools.isEmpty() || tenantTools.contains(toolName);
        }
        Optional<Subagent> subagent = TenantAssistants.subagent(assistant, turn.lineage().subagent());
        return subagent.map(s -> TenantAssistants.orEmpty(s.tools()).contains(toolName)).orElse(false)
                && (tenantTools.isEmpty() || tenantTools.contains(toolName));
    }
}
