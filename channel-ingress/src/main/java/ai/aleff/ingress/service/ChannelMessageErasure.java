package ai.aleff.ingress.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.repository.ChannelMessageRepository;
import ai.aleff.platform.tenancy.TenantEraser;

/** A deleted tenant's channel messages (where replies went) are erased with it. */
@ApplicationScoped
public class ChannelMessageErasure implements TenantEraser {

    private final ChannelMessageRepository messages;

    public ChannelMessageErasure(ChannelMessageRepository messages) {
        this.messages = messages;
    }

    @Override
    public Uni<Integer> erase(String tenantId) {
        return messages.deleteTenant(tenantId);
    }
}
