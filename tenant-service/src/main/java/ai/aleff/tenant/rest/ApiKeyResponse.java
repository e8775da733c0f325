package ai.aleff.tenant.rest;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.tenant.service.ApiKeyStatus;
import ai.aleff.tenant.service.ApiKeyView;

/** An API key as the admin API lists it: never the key, never its hash. */
public record ApiKeyResponse(@Schema(description = "Key id (UUID).") String id, String name,
        @Schema(description = "The key's first characters (ak_ and 8 more), to recognise it; null for a key made before keys were managed.") String prefix,
        @Schema(description = "ACTIVE; ROTATING (replaced, valid until expiresAt); EXPIRED; REVOKED.") ApiKeyStatus status,
        Instant createdAt,
        @Schema(description = "From this instant the key is refused (the end of a rotation's overlap window).") Instant expiresAt,
        Instant revokedAt,
        @Schema(description = "Id of the key that replaced this one.") String rotatedTo,
        @Schema(description = "When the key was last used, as channel-ingress reports it (at most once per key every 5 minutes per instance, so up to that much older than the latest use); null when never.") Instant lastUsedAt) {

    static ApiKeyResponse of(ApiKeyView key) {
        return new ApiKeyResponse(key.id().toString(), key.name(), key.prefix(), key.status(), key.createdAt(),
                key.expiresAt(), key.revokedAt(), key.rotatedTo() == null ? null : key.rotatedTo().toString(),
                key.lastUsedAt());
    }
}
