package ai.aleff.contracts.events;

import java.time.Instant;

/**
 * A tenant API key was used, reported coarsely (at most once per key per few minutes by each instance) by a service
 * that authenticates keys, so the key list can show when a key was last used. Advisory: a lost report is corrected by
 * the key's next use.
 *
 * @param reportId unique per report; consumers may deduplicate on it
 * @param tenantId the key's tenant
 * @param keyHash the key's SHA-256 hash (as in {@link TenantConfigurationChanged#apiKeyHashes()})
 * @param usedAt when the reporting service saw the key used
 */
public record ApiKeyUsed(String reportId, String tenantId, String keyHash, Instant usedAt) {
}
