package ai.aleff.tenant.service;

import java.time.Instant;

import ai.aleff.tenant.repository.ApiKeyEntity;

/** Where a key is in its life, at a given instant. */
public enum ApiKeyStatus {
    /** Valid, without an expiry. */
    ACTIVE,
    /** Replaced by a rotation, still valid until its expiry (the overlap window). */
    ROTATING,
    /** Past its expiry: refused everywhere. */
    EXPIRED,
    /** Revoked: refused everywhere. */
    REVOKED;

    static ApiKeyStatus of(ApiKeyEntity key, Instant now) {
        if (key.revokedAt != null) {
            return REVOKED;
        }
        if (key.expiresAt == null) {
            return ACTIVE;
        }
        return now.isBefore(key.expiresAt) ? ROTATING : EXPIRED;
    }
}
