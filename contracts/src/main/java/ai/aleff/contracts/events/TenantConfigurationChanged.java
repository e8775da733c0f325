package ai.aleff.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The current configuration of one tenant, published to a compacted topic keyed by tenant id: the latest
 * record per tenant is the whole truth, so a service builds its cache by reading the topic from the start.
 * Secrets never appear in plain text here: tenant API keys travel only as SHA-256 hashes of high-entropy random
 * keys, model provider keys only encrypted (see {@link AssistantConfiguration.EncryptedSecret}).
 *
 * @param tenantId tenant id
 * @param name display name
 * @param status {@code ACTIVE}, {@code DISABLED} or {@code DELETED} (a deleted tenant has no keys and no assistant;
 *        every service erases what it holds for it)
 * @param apiKeyHashes hex SHA-256 hashes of the tenant's valid API keys
 * @param version increases with every change, so consumers can ignore stale updates
 * @param changedAt when the change was made
 * @param assistant the tenant's assistant configuration; null means the platform defaults
 * @param apiKeyExpiries for keys of {@code apiKeyHashes} that expire (the old key of a rotation, valid during the
 *        overlap window): hash to the instant from which the key must be refused. Consumers honour it with their own
 *        clock, so an expiry takes effect without another event. Never null (empty: no key expires).
 * @param limits the tenant's overrides of the platform's ingress limits; never null (absent in records published
 *        before limits existed: no override)
 * @param endUsers how the tenant's end users are verified; never null (absent in records published before it existed:
 *        {@link EndUserIdentity#none()})
 * @param widget the tenant's web chat widget settings; never null (absent in records published before it existed:
 *        {@link WidgetSettings#off()})
 */
public record TenantConfigurationChanged(String tenantId, String name, Status status, List<String> apiKeyHashes,
        long version, Instant changedAt, AssistantConfiguration assistant, Map<String, Instant> apiKeyExpiries,
        TenantLimits limits, EndUserIdentity endUsers, WidgetSettings widget) {

    public TenantConfigurationChanged {
        widget = widget == null ? WidgetSettings.off() : widget;
        apiKeyExpiries = apiKeyExpiries == null ? Map.of() : Map.copyOf(apiKeyExpiries);
        limits = limits == null ? TenantLimits.platformDefaults() : limits;
        endUsers = endUsers == null ? EndUserIdentity.none() : endUsers;
    }

    /** A configuration without widget settings. */
    public TenantConfigurationChanged(String tenantId, String name, Status status, List<String> apiKeyHashes,
            long version, Instant changedAt, AssistantConfiguration assistant, Map<String, Instant> apiKeyExpiries,
            TenantLimits limits, EndUserIdentity endUsers) {
        this(tenantId, name, status, apiKeyHashes, version, changedAt, assistant, apiKeyExpiries, limits, endUsers,
                null);
    }

    /** A configuration without an identity secret. */
    public TenantConfigurationChanged(String tenantId, String name, Status status, List<String> apiKeyHashes,
            long version, Instant changedAt, AssistantConfiguration assistant, Map<String, Instant> apiKeyExpiries,
            TenantLimits limits) {
        this(tenantId, name, status, apiKeyHashes, version, changedAt, assistant, apiKeyExpiries, limits,
                (EndUserIdentity) null);
    }

    /** A configuration without limit overrides. */
    public TenantConfigurationChanged(String tenantId, String name, Status status, List<String> apiKeyHashes,
            long version, Instant changedAt, AssistantConfiguration assistant, Map<String, Instant> apiKeyExpiries) {
        this(tenantId, name, status, apiKeyHashes, version, changedAt, assistant, apiKeyExpiries, (TenantLimits) null);
    }

    /** A configuration whose keys never expire. */
    public TenantConfigurationChanged(String tenantId, String name, Status status, List<String> apiKeyHashes,
            long version, Instant changedAt, AssistantConfiguration assistant) {
        this(tenantId, name, status, apiKeyHashes, version, changedAt, assistant, Map.of());
    }

    /** A configuration with the platform's assistant defaults. */
    public TenantConfigurationChanged(String tenantId, String name, Status status, List<String> apiKeyHashes,
            long version, Instant changedAt) {
        this(tenantId, name, status, apiKeyHashes, version, changedAt, null);
    }

    /** Whether the tenant may use the platform; only {@code ACTIVE} may. */
    public enum Status {
        ACTIVE, DISABLED, DELETED
    }
}
