package ai.aleff.ingress.telegram;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.repository.TelegramPollOffsetRepository;
import ai.aleff.platform.tenancy.TenantEraser;

/** A deleted tenant's polling offsets go with it (its leases hold no tenant data and expire by themselves). */
@ApplicationScoped
public class TelegramPollOffsetErasure implements TenantEraser {

    private final TelegramPollOffsetRepository offsets;

    TelegramPollOffsetErasure(TelegramPollOffsetRepository offsets) {
        this.offsets = offsets;
    }

    @Override
    public Uni<Integer> erase(String tenantId) {
        return offsets.deleteTenant(tenantId);
    }
}
