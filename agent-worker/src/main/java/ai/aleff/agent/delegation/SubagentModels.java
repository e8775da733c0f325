package ai.aleff.agent.delegation;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aleff.agent.model.ModelChain;
import ai.aleff.agent.model.TenantModelChains;
import ai.aleff.agent.repository.Turn;
import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.AssistantConfiguration.Subagent;

/**
 * Which model chain a turn calls: a child turn's subagent with models of its own gets its own chain (keys decrypted
 * like the tenant's, see {@link TenantModelChains}), everything else the tenant's chain.
 */
@ApplicationScoped
public class SubagentModels {

    private final TenantModelChains chains;

    public SubagentModels(TenantModelChains chains) {
        this.chains = chains;
    }

    /** The one place that decides a turn's chain. */
    public ModelChain chainFor(Turn turn, AssistantConfiguration assistant, ModelChain tenantChain) {
        Optional<Subagent> subagent = turn.isChild()
                ? TenantAssistants.subagent(assistant, turn.lineage().subagent())
                : Optional.empty();
        return subagent.filter(s -> !TenantAssistants.orEmpty(s.models()).isEmpty())
                .map(s -> chains.subagentChain(turn.tenantId(), assistant.version(), s))
                .orElse(tenantChain);
    }
}
