package ai.aleff.tenant.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.WidgetSettings;
import ai.aleff.tenant.repository.TenantRepository;
import ai.aleff.tenant.repository.TenantTransactions;

/**
 * A tenant's web chat widget settings: the origins whose pages may use it and whether anonymous visitors may chat.
 * Every change is published in the tenant's configuration (ingress checks the next request against it) and audited.
 */
@ApplicationScoped
public class WidgetService {

    static final String UPDATED = "tenant.widget.updated";

    private final TenantChanges changes;
    private final TenantRepository tenants;

    public WidgetService(TenantChanges changes, TenantRepository tenants) {
        this.changes = changes;
        this.tenants = tenants;
    }

    public Uni<WidgetSettings> get(Actor actor, String tenantId) {
        UUID id = TenantChanges.administrableId(actor, tenantId);
        return TenantTransactions.inTenant(id, () -> tenants.findById(id))
                .map(found -> TenantChanges.requireLive(found).widget());
    }

    /** Replaces the settings; asking for the current ones changes nothing. */
    public Uni<WidgetSettings> set(Actor actor, String tenantId, WidgetSettings settings) {
        return changes.apply(actor, tenantId, (tenant, keys, now) -> {
            WidgetSettings before = tenant.widget();
            if (before.equals(settings)) {
                return Uni.createFrom().item(AdminChange.unchanged(before));
            }
            tenant.setWidget(settings);
            return Uni.createFrom().item(AdminChange.of(tenant.widget(), UPDATED, tenant.id.toString(), before,
                    tenant.widget(), settings.allowedOrigins().isEmpty()
                            ? "Chat widget off (no allowed origin)"
                            : "Chat widget allowed on " + settings.allowedOrigins().size() + " origin(s)"));
        });
    }
}
