package ai.aleff.agent.tenant;

import java.util.List;

import dev.langchain4j.agent.tool.ToolSpecification;

import ai.aleff.agent.model.ModelChain;
import ai.aleff.contracts.events.TenantLimits;

/**
 * Everything a turn step needs from its tenant's assistant configuration, with the platform defaults filled in.
 *
 * @param instructions the system message
 * @param chain the models to try, in order
 * @param tools the platform tools offered to the model
 * @param maxToolIterations tool rounds one turn may take
 * @param historyTokenBudget estimated tokens of history (summary included) sent to the model at most
 * @param limits the tenant's own limits (its token quotas among them; null fields: the platform's defaults)
 */
public record AssistantProfile(String tenantId, String instructions, ModelChain chain,
        List<ToolSpecification> tools, int maxToolIterations, int historyTokenBudget, TenantLimits limits) {

    public AssistantProfile {
        limits = limits == null ? TenantLimits.platformDefaults() : limits;
    }

    /** provider/model of each chain entry, as /status shows them (names only, never keys or URLs). */
    public List<String> modelLabels() {
        return chain.links().stream().map(link -> link.endpoint().label()).toList();
    }
}
