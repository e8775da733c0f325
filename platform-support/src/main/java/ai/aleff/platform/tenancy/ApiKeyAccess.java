package ai.aleff.platform.tenancy;

/**
 * What a valid API key gives access to: its tenant, and whether that tenant may use the platform now.
 *
 * @param keyHash the key's SHA-256 hash (what an open stream keeps to check the key again later)
 */
public record ApiKeyAccess(String tenantId, String keyHash, boolean tenantActive) {
}
