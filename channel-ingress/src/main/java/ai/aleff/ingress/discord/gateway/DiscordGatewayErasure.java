package ai.aleff.ingress.discord.gateway;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.repository.DiscordGatewayRepository;
import ai.aleff.platform.tenancy.TenantEraser;

/** A deleted tenant's Gateway sessions and IDENTIFY records go with it (its leases hold no tenant data). */
@ApplicationScoped
public class DiscordGatewayErasure implements TenantEraser {

    private final DiscordGatewayRepository store;

    DiscordGatewayErasure(DiscordGatewayRepository store) {
        this.store = store;
    }

    @Override
    public Uni<Integer> erase(String tenantId) {
        return store.deleteTenant(tenantId);
    }
}
