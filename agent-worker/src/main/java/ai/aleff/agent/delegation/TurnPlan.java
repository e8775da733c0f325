package ai.aleff.agent.delegation;

import java.util.List;
import java.util.Set;

import dev.langchain4j.agent.tool.ToolSpecification;

import ai.aleff.agent.model.ModelChain;

/**
 * How one model step of a turn is asked.
 *
 * @param systemPrompt the system message (a subagent's own; a user's turn gets the skills addendum)
 * @param specifications the tools offered
 * @param chain the model chain to call
 */
public record TurnPlan(String systemPrompt, List<ToolSpecification> specifications, ModelChain chain) {

    /** The same plan without the named tools. */
    public TurnPlan withoutTools(Set<String> names) {
        return new TurnPlan(systemPrompt,
                specifications.stream().filter(spec -> !names.contains(spec.name())).toList(), chain);
    }
}
