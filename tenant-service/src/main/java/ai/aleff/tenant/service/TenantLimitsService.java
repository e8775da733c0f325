package ai.aleff.tenant.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.TenantLimits;
import ai.aleff.platform.limits.LimitDefaults;
import ai.aleff.tenant.repository.TenantEntity;
import ai.aleff.tenant.repository.TenantRepository;
import ai.aleff.tenant.repository.TenantTransactions;

/**
 * A tenant's own limits at ingress (messages per minute, per key, open streams, new conversations per day). A change
 * is published in the tenant's configuration, so every ingress instance enforces it within seconds, and audited.
 */
@ApplicationScoped
public class TenantLimitsService {

    static final String ACTION = "tenant.limits.updated";

    private final TenantChanges changes;
    private final TenantRepository tenants;
    private final LimitDefaults defaults;

    public TenantLimitsService(TenantChanges changes, TenantRepository tenants, LimitDefaults defaults) {
        this.changes = changes;
        this.tenants = tenants;
        this.defaults = defaults;
    }

    public Uni<TenantLimitsView> get(Actor actor, String tenantId) {
        UUID id = TenantChanges.administrableId(actor, tenantId);
        return TenantTransactions.inTenant(id, () -> tenants.findById(id))
                .map(found -> view(TenantChanges.requireLive(found)));
    }

    /** Replaces the tenant's own limits; a null field returns that limit to the platform default. */
    public Uni<TenantLimitsView> set(Actor actor, String tenantId, TenantLimits limits) {
        return changes.apply(actor, tenantId, (tenant, keys, now) -> {
            TenantLimits before = tenant.limits();
            if (before.equals(limits)) {
                return Uni.createFrom().item(AdminChange.unchanged(view(tenant)));
            }
            tenant.setLimits(limits);
            return Uni.createFrom().item(AdminChange.of(view(tenant), ACTION, tenant.id.toString(), before, limits,
                    "Limits changed"));
        });
    }

    private TenantLimitsView view(TenantEntity tenant) {
        return new TenantLimitsView(tenant.limits(), defaults.effective(tenant.limits()));
    }
}
