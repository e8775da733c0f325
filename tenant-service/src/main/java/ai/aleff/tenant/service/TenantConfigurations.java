package ai.aleff.tenant.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.AuditTrail;
import ai.aleff.tenant.repository.TenantEntity;

/** The configuration event for a tenant's current state: the whole configuration, never a delta. */
@ApplicationScoped
public class TenantConfigurations {

    private final AuditTrail audit;

    public TenantConfigurations(AuditTrail audit) {
        this.audit = audit;
    }

    /**
     * The tenant's whole configuration. The topic is compacted, so every event must carry the current assistant
     * configuration too ({@code null} only while the tenant has none): there is deliberately no variant without it.
     */
    public CloudEvent<TenantConfigurationChanged> changed(TenantEntity tenant, AssistantConfiguration assistant,
            Instant changedAt) {
        String tenantId = tenant.id.toString();
        return CloudEvent.of(audit.service(), UUID.randomUUID().toString(), tenantId, null, changedAt,
                new TenantConfigurationChanged(tenantId, tenant.name, tenant.status, List.of(tenant.apiKeyHash),
                        tenant.version, changedAt, assistant));
    }
}
