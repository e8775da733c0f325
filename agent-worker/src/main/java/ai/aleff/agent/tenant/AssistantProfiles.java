package ai.aleff.agent.tenant;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aleff.agent.config.AgentSettings;
import ai.aleff.agent.model.TenantModelChains;
import ai.aleff.agent.tools.ToolSelection;
import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.platform.tenancy.TenantDirectory;
import ai.aleff.platform.tenancy.TenantView;

/**
 * Builds a tenant's assistant from a snapshot of its configuration (the tenant directory, fed by the compacted
 * configuration topic), taken once per step, so a configuration change applies from the tenant's next step on and
 * every decision of one step sees the same configuration.
 */
@ApplicationScoped
public class AssistantProfiles {

    private final TenantDirectory directory;
    private final TenantModelChains chains;
    private final ToolSelection tools;
    private final AgentSettings settings;

    public AssistantProfiles(TenantDirectory directory, TenantModelChains chains, ToolSelection tools,
            AgentSettings settings) {
        this.directory = directory;
        this.chains = chains;
        this.tools = tools;
        this.settings = settings;
    }

    /** The tenant's current view, if the directory knows it: the snapshot one step decides with. */
    public Optional<TenantView> snapshot(String tenantId) {
        return directory.find(tenantId);
    }

    /** The profile of an active tenant in this snapshot; empty when the tenant is unknown or disabled. */
    public Optional<AssistantProfile> profileOf(Optional<TenantView> snapshot) {
        return snapshot.filter(TenantView::active).map(this::profile);
    }

    private AssistantProfile profile(TenantView tenant) {
        AssistantConfiguration assistant = tenant.assistant();
        String instructions = assistant.instructions() == null || assistant.instructions().isBlank()
                ? settings.systemPrompt()
                : assistant.instructions();
        int iterations = positiveOr(assistant.maxToolIterations(), settings.maxToolIterations());
        int budget = positiveOr(assistant.historyTokenBudget(), settings.historyTokenBudget());
        return new AssistantProfile(tenant.tenantId(), instructions,
                chains.chainFor(tenant.tenantId(), assistant), tools.offered(assistant.tools()), iterations, budget,
                tenant.limits());
    }

    private static int positiveOr(Integer value, int fallback) {
        return value == null || value <= 0 ? fallback : value;
    }
}
