package ai.aleff.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * The current configuration of one tenant, published to a compacted topic keyed by tenant id: the latest
 * record per tenant is the whole truth, so a service builds its cache by reading the topic from the start.
 * Secrets never appear here; API keys travel only as SHA-256 hashes of high-entropy random keys.
 *
 * @param tenantId tenant id
 * @param name display name
 * @param status {@code ACTIVE} or {@code DISABLED}
 * @param apiKeyHashes hex SHA-256 hashes of the tenant's valid API keys
 * @param version increases with every change, so consumers can ignore stale updates
 * @param changedAt when the change was made
 */
public record TenantConfigurationChanged(String tenantId, String name, Status status, List<String> apiKeyHashes,
        long version, Instant changedAt) {

    /** Whether the tenant may use the platform. */
    public enum Status {
        ACTIVE, DISABLED
    }
}
