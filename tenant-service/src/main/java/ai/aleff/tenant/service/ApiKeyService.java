package ai.aleff.tenant.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;

import ai.aleff.platform.rest.ProblemException;
import ai.aleff.platform.tenancy.ApiKeys;
import ai.aleff.tenant.config.ApiKeySettings;
import ai.aleff.tenant.repository.ApiKeyEntity;
import ai.aleff.tenant.repository.ApiKeyRepository;
import ai.aleff.tenant.repository.TenantRepository;
import ai.aleff.tenant.repository.TenantTransactions;

/**
 * A tenant's API keys: made here, shown once, stored and published only as hashes. Every change publishes the
 * tenant's configuration with the keys valid from then on (see {@link TenantChanges}); the services that
 * authenticate refuse a revoked key as soon as that configuration reaches them, and the old key of a rotation from
 * the expiry the configuration carries.
 */
@ApplicationScoped
public class ApiKeyService {

    private final TenantChanges changes;
    private final TenantRepository tenants;
    private final ApiKeyRepository keys;
    private final ApiKeySettings settings;

    public ApiKeyService(TenantChanges changes, TenantRepository tenants, ApiKeyRepository keys,
            ApiKeySettings settings) {
        this.changes = changes;
        this.tenants = tenants;
        this.keys = keys;
        this.settings = settings;
    }

    /** Every key the tenant had, newest first. */
    public Uni<List<ApiKeyView>> list(Actor actor, String tenantId) {
        UUID id = TenantChanges.administrableId(actor, tenantId);
        Instant now = Instant.now();
        return TenantTransactions.inTenant(id, () -> tenants.findById(id)
                .invoke(TenantChanges::requireLive)
                .chain(() -> keys.ofTenant(id)))
                .map(all -> all.stream().map(k -> ApiKeyView.of(k, now)).toList());
    }

    public Uni<ApiKeyView> find(Actor actor, String tenantId, String keyId) {
        return list(actor, tenantId).map(all -> {
            Optional<UUID> id = TenantIds.parse(keyId);
            return all.stream()
                    .filter(k -> id.isPresent() && k.id().equals(id.get()))
                    .findFirst()
                    .orElseThrow(ApiKeyService::noSuchKey);
        });
    }

    public Uni<NewApiKey> create(Actor actor, String tenantId, String name) {
        return changes.apply(actor, tenantId, (tenant, existing, now) -> {
            requireRoom(existing, now);
            Minted minted = mint(tenant.id, name.strip(), now);
            ApiKeyView view = ApiKeyView.of(minted.entity(), now);
            return Uni.createFrom().item(AdminChange.of(new NewApiKey(view, minted.apiKey()), "tenant.api-key.created",
                    minted.entity().id.toString(), null, view,
                    "API key '" + view.name() + "' (" + view.prefix() + "...) created").adding(minted.entity()));
        });
    }

    /**
     * A new key replacing {@code keyId}, which stays valid for {@code overlap} (the default when empty) so clients
     * can move over, and is refused from then on.
     */
    public Uni<NewApiKey> rotate(Actor actor, String tenantId, String keyId, Optional<String> name,
            Optional<Duration> overlap) {
        Duration window = overlap.orElse(settings.defaultRotationOverlap());
        if (window.isNegative() || window.compareTo(settings.maxRotationOverlap()) > 0) {
            return Uni.createFrom().failure(ProblemException.badRequest("overlapSeconds must be from 0 to "
                    + settings.maxRotationOverlap().toSeconds() + "."));
        }
        return changes.apply(actor, tenantId, (tenant, existing, now) -> {
            ApiKeyEntity old = find(existing, keyId);
            requireUsable(old, now, "rotated");
            ApiKeyView before = ApiKeyView.of(old, now);
            Minted minted = mint(tenant.id, name.map(String::strip).orElse(old.name), now);
            old.expiresAt = now.plus(window);
            old.rotatedTo = minted.entity().id;
            ApiKeyView successor = ApiKeyView.of(minted.entity(), now);
            return Uni.createFrom().item(AdminChange.of(new NewApiKey(successor, minted.apiKey()),
                    "tenant.api-key.rotated", old.id.toString(), before,
                    new Rotation(ApiKeyView.of(old, now), successor),
                    "API key '" + old.name + "' (" + label(old) + ") rotated to " + successor.prefix()
                            + "...; the old key is refused from " + old.expiresAt)
                    .adding(minted.entity()));
        });
    }

    /** Refused everywhere as soon as the configuration reaches each service. */
    public Uni<ApiKeyView> revoke(Actor actor, String tenantId, String keyId) {
        return changes.apply(actor, tenantId, (tenant, existing, now) -> {
            ApiKeyEntity key = find(existing, keyId);
            if (key.revokedAt != null) {
                throw new ProblemException(Response.Status.CONFLICT,
                        "The API key was already revoked at " + key.revokedAt + ".");
            }
            ApiKeyView before = ApiKeyView.of(key, now);
            key.revokedAt = now;
            ApiKeyView after = ApiKeyView.of(key, now);
            return Uni.createFrom().item(AdminChange.of(after, "tenant.api-key.revoked", key.id.toString(), before,
                    after, "API key '" + key.name + "' (" + label(key) + ") revoked"));
        });
    }

    /** The audit's after-state of a rotation: the old key with its expiry, and its successor. */
    record Rotation(ApiKeyView rotated, ApiKeyView successor) {
    }

    private record Minted(ApiKeyEntity entity, String apiKey) {
    }

    private static Minted mint(UUID tenantId, String name, Instant now) {
        String apiKey = ApiKeys.generate();
        return new Minted(ApiKeyEntity.of(tenantId, name, ApiKeys.displayPrefix(apiKey), ApiKeys.hash(apiKey), now),
                apiKey);
    }

    private void requireRoom(List<ApiKeyEntity> existing, Instant now) {
        long valid = existing.stream().filter(k -> k.validAt(now)).count();
        if (valid >= settings.maxValidPerTenant()) {
            throw new ProblemException(Response.Status.CONFLICT, "The tenant already has " + valid
                    + " valid API keys, the most it may have; revoke one first.");
        }
    }

    private static void requireUsable(ApiKeyEntity key, Instant now, String what) {
        String refusal = switch (ApiKeyStatus.of(key, now)) {
            case REVOKED -> "The API key was revoked; it cannot be " + what + ". Create a new key instead.";
            case EXPIRED -> "The API key has expired; it cannot be " + what + ". Create a new key instead.";
            case ROTATING -> "The API key was already rotated (to " + key.rotatedTo + "); rotate that key instead.";
            case ACTIVE -> null;
        };
        if (refusal != null) {
            throw new ProblemException(Response.Status.CONFLICT, refusal);
        }
    }

    private static ApiKeyEntity find(List<ApiKeyEntity> existing, String keyId) {
        Optional<UUID> id = TenantIds.parse(keyId);
        return existing.stream()
                .filter(k -> id.isPresent() && k.id.equals(id.get()))
                .findFirst()
                .orElseThrow(ApiKeyService::noSuchKey);
    }

    private static ProblemException noSuchKey() {
        return ProblemException.notFound("The tenant has no API key with this id.");
    }

    private static String label(ApiKeyEntity key) {
        return key.prefix == null ? "created before key management" : key.prefix + "...";
    }
}
