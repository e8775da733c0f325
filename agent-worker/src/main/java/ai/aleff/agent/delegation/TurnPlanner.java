package ai.aleff.agent.delegation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.langchain4j.agent.tool.ToolSpecification;

import ai.aleff.agent.repository.Turn;
import ai.aleff.agent.tenant.AssistantProfile;
import ai.aleff.agent.tools.ToolCatalog;
import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.AssistantConfiguration.Subagent;

/**
 * Decides what a model step of a turn is given: a user's turn keeps the assistant's prompt and tools and gains the
 * skills addendum, {@code load_skill} and the subagent tools; a child turn gets its subagent's instructions, its
 * subset of the platform tools and, below the depth limit, the other subagents.
 */
@ApplicationScoped
public class TurnPlanner {

    private final TurnOffer offer;
    private final ToolCatalog catalog;
    private final SubagentModels models;

    public TurnPlanner(TurnOffer offer, ToolCatalog catalog, SubagentModels models) {
        this.offer = offer;
        this.catalog = catalog;
        this.models = models;
    }

    /**
     * The plan of a turn's next model step.
     *
     * @param profile the tenant's assistant: its instructions, tools and chain are a user's turn's
     * @param assistant the tenant's configuration from the same snapshot as {@code profile}: the routing of this
     *        step's tool requests sees the same one, so the plan and the router cannot disagree
     */
    public TurnPlan plan(Turn turn, AssistantProfile profile, AssistantConfiguration assistant) {
        return plan(turn, profile, assistant, false);
    }

    /**
     * @param memoryAllowed whether the memory tools are offered (see {@code MemoryAccess}); without it the model
     *        never sees them, for a user's turn and for its subagents alike
     */
    public TurnPlan plan(Turn turn, AssistantProfile profile, AssistantConfiguration assistant,
            boolean memoryAllowed) {
        TurnPlan plan = planWithAllTools(turn, profile, assistant);
        return memoryAllowed ? plan : plan.withoutTools(ToolCatalog.MEMORY_TOOLS);
    }

    private TurnPlan planWithAllTools(Turn turn, AssistantProfile profile, AssistantConfiguration assistant) {
        List<ToolSpecification> tools = new ArrayList<>();
        String prompt;
        if (turn.isChild()) {
            Optional<Subagent> subagent = TenantAssistants.subagent(assistant, turn.lineage().subagent());
            // A subagent removed while it ran finishes with generic instructions and no platform tools.
            prompt = subagent.map(Subagents::systemPrompt)
                    .orElse("Do the task you are given and answer with the result only.");
            catalog.specifications()
                    .stream()
                    .filter(spec -> offer.allowsPlatformTool(turn, assistant, spec.name()))
                    .forEach(tools::add);
        } else {
            tools.addAll(profile.tools());
            prompt = profile.instructions();
            if (offer.offersSkills(turn, assistant)) {
                prompt = prompt + "\n\n" + Skills.promptAddendum(TenantAssistants.skills(assistant));
                tools.add(Skills.specification());
            }
        }
        tools.addAll(Subagents.specifications(offer.callableSubagents(turn, assistant)));
        return new TurnPlan(prompt, List.copyOf(tools), models.chainFor(turn, assistant, profile.chain()));
    }
}
