package ai.aleff.ingress.delivery;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.platform.tenancy.TenantEraser;

/** A deleted tenant's send records and pacing rows are erased with it. */
@ApplicationScoped
public class DeliveryErasure implements TenantEraser {

    private final SendRecords records;

    public DeliveryErasure(SendRecords records) {
        this.records = records;
    }

    @Override
    public Uni<Integer> erase(String tenantId) {
        return records.deleteTenant(tenantId);
    }
}
