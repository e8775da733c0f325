package ai.aleff.ingress.discord;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.platform.tenancy.TenantEraser;

/** A deleted tenant's Discord interactions (and their tokens) are erased with it. */
@ApplicationScoped
public class DiscordInteractionErasure implements TenantEraser {

    private final DiscordInteractions interactions;

    public DiscordInteractionErasure(DiscordInteractions interactions) {
        this.interactions = interactions;
    }

    @Override
    public Uni<Integer> erase(String tenantId) {
        return interactions.deleteTenant(tenantId);
    }
}
