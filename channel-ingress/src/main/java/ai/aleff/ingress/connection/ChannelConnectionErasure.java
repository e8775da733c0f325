package ai.aleff.ingress.connection;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.platform.tenancy.TenantEraser;

/** A deleted tenant's channel connections are erased with it (its channel messages: {@code ChannelMessageErasure}). */
@ApplicationScoped
public class ChannelConnectionErasure implements TenantEraser {

    private final ChannelConnectionStore store;

    ChannelConnectionErasure(ChannelConnectionStore store) {
        this.store = store;
    }

    @Override
    public Uni<Integer> erase(String tenantId) {
        return store.deleteTenant(tenantId);
    }
}
