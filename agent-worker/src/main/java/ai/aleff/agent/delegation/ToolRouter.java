package ai.aleff.agent.delegation;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.langchain4j.agent.tool.ToolExecutionRequest;

import ai.aleff.agent.repository.Turn;
import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.AssistantConfiguration.Subagent;

/**
 * The routing seam of the tool step: decides, per tool request of the model, whether tool-executor runs it
 * (REMOTE), the worker answers it at once (LOCAL: {@code load_skill}, and refusals) or a subagent does (DELEGATE).
 */
@ApplicationScoped
public class ToolRouter {

    private final TurnOffer offer;
    private final ToolArguments arguments;

    public ToolRouter(TurnOffer offer, ToolArguments arguments) {
        this.offer = offer;
        this.arguments = arguments;
    }

    /** @param assistant the tenant's configuration from the snapshot the step was planned with */
    public ToolRoute route(Turn turn, AssistantConfiguration assistant, ToolExecutionRequest request) {
        String name = request.name() == null ? "" : request.name();
        if (Skills.LOAD_SKILL.equals(name)) {
            return offer.offersSkills(turn, assistant)
                    ? Skills.load(TenantAssistants.skills(assistant), arguments.string(request.arguments(),
                            Skills.NAME_ARG))
                    : ToolRoute.Local.error("no skills are available here");
        }
        if (Subagents.isSubagentTool(name)) {
            return delegation(turn, assistant, name, request.arguments());
        }
        return offer.allowsPlatformTool(turn, assistant, name)
                ? new ToolRoute.Remote()
                : ToolRoute.Local.error("the tool " + name + " is not available to this agent");
    }

    private ToolRoute delegation(Turn turn, AssistantConfiguration assistant, String toolName, String args) {
        Optional<Subagent> subagent = Subagents.forTool(offer.callableSubagents(turn, assistant), toolName);
        if (subagent.isEmpty()) {
            return ToolRoute.Local.error("there is no subagent " + toolName + " available here");
        }
        Optional<String> task = arguments.string(args, Subagents.TASK_ARG);
        if (task.isEmpty()) {
            return ToolRoute.Local.error(toolName + " needs a non-empty \"" + Subagents.TASK_ARG + "\"");
        }
        return new ToolRoute.Delegate(subagent.get(), task.get());
    }
}
