package ai.aleff.tenant.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.AssistantConfiguration;
import ai.aleff.contracts.events.EndUserIdentity;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.contracts.events.WidgetSettings;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.AuditTrail;
import ai.aleff.tenant.repository.ApiKeyEntity;
import ai.aleff.tenant.repository.AssistantVersionRepository;
import ai.aleff.tenant.repository.TenantEntity;

/** The configuration event for a tenant's current state: the whole configuration, never a delta. */
@ApplicationScoped
public class TenantConfigurations {

    private final AuditTrail audit;
    private final AssistantVersionRepository versions;
    private final ObjectMapper json;

    public TenantConfigurations(AuditTrail audit, AssistantVersionRepository versions, ObjectMapper json) {
        this.audit = audit;
        this.versions = versions;
        this.json = json;
    }

    /**
     * The tenant's whole configuration. The topic is compacted, so every event must carry the current assistant
     * configuration too ({@code null} only while the tenant has none): there is deliberately no variant without it.
     * The keys valid at {@code changedAt} are published, an expiring one with its expiry; a deleted tenant is
     * published without keys and without its assistant, so compaction erases them from the topic.
     */
    public CloudEvent<TenantConfigurationChanged> changed(TenantEntity tenant, AssistantConfiguration assistant,
            List<ApiKeyEntity> keys, Instant changedAt) {
        String tenantId = tenant.id.toString();
        List<ApiKeyEntity> valid = tenant.deleted()
                ? List.of()
                : keys.stream().filter(k -> k.validAt(changedAt)).toList();
        Map<String, Instant> expiries = new HashMap<>();
        valid.stream().filter(k -> k.expiresAt != null).forEach(k -> expiries.put(k.keyHash, k.expiresAt));
        return CloudEvent.of(audit.service(), UUID.randomUUID().toString(), tenantId, null, changedAt,
                new TenantConfigurationChanged(tenantId, tenant.name, tenant.status,
                        valid.stream().map(k -> k.keyHash).toList(), tenant.version, changedAt,
                        tenant.deleted() ? null : assistant, expiries, tenant.limits(),
                        tenant.deleted() ? EndUserIdentity.none() : tenant.endUsers(),
                        tenant.deleted() ? WidgetSettings.off() : tenant.widget()));
    }

    /** The tenant's current assistant configuration as stored, or null while the platform defaults apply. */
    public Uni<AssistantConfiguration> currentAssistant(TenantEntity tenant) {
        if (tenant.assistantVersion == null) {
            return Uni.createFrom().nullItem();
        }
        return versions.findVersion(tenant.id, tenant.assistantVersion).map(row -> {
            try {
                return json.readValue(row.configuration, AssistantConfiguration.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Assistant version " + row.version + " of tenant " + tenant.id
                        + " is not readable", e);
            }
        });
    }
}
