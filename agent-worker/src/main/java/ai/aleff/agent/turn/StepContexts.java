package ai.aleff.agent.turn;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.agent.delegation.TenantAssistants;
import ai.aleff.agent.repository.Turn;
import ai.aleff.agent.tenant.AssistantProfiles;
import ai.aleff.agent.tenant.TenantGate;
import ai.aleff.agent.tools.MemoryAccess;
import ai.aleff.platform.tenancy.TenantView;

/** Resolves a step's context: waits until the tenant directory can answer, then reads it once. */
@ApplicationScoped
public class StepContexts {

    private final TenantGate gate;
    private final TenantAssistants assistants;
    private final AssistantProfiles profiles;
    private final MemoryAccess memory;

    public StepContexts(TenantGate gate, TenantAssistants assistants, AssistantProfiles profiles,
            MemoryAccess memory) {
        this.gate = gate;
        this.assistants = assistants;
        this.profiles = profiles;
        this.memory = memory;
    }

    public Uni<StepContext> resolve(Turn turn) {
        // A worker that just started (or resumes a stale turn) may not have read the tenant's configuration yet:
        // wait for the directory like a new message does, rather than failing the turn, and until it has read every
        // configuration published before this worker started, so the step has its tenant's skills and subagents.
        return gate.admit(turn.tenantId())
                .chain(admission -> assistants.loaded())
                .chain(loaded -> {
                    Optional<TenantView> snapshot = profiles.snapshot(turn.tenantId());
                    return memory.allowed(turn, snapshot).map(allowed -> of(turn, snapshot, allowed));
                });
    }

    /** The context of {@code turn} under one snapshot: every decision of the step derives from it. */
    StepContext of(Turn turn, Optional<TenantView> snapshot, boolean memoryAllowed) {
        return new StepContext(turn, profiles.profileOf(snapshot), TenantAssistants.of(snapshot), memoryAllowed);
    }
}
