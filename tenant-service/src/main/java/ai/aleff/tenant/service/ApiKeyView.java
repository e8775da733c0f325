package ai.aleff.tenant.service;

import java.time.Instant;
import java.util.UUID;

import ai.aleff.tenant.repository.ApiKeyEntity;

/**
 * An API key as it is shown and audited: never the key, never its hash.
 *
 * @param lastUsedAt when a service that authenticates keys last reported the key used (coarse: reported at most
 *        once per key every few minutes by each ingress instance); null when never
 */
public record ApiKeyView(UUID id, String name, String prefix, ApiKeyStatus status, Instant createdAt,
        Instant expiresAt, Instant revokedAt, UUID rotatedTo, Instant lastUsedAt) {

    static ApiKeyView of(ApiKeyEntity key, Instant now) {
        return new ApiKeyView(key.id, key.name, key.prefix, ApiKeyStatus.of(key, now), key.createdAt, key.expiresAt,
                key.revokedAt, key.rotatedTo, key.lastUsedAt);
    }
}
