package ai.aleff.platform.tenancy;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Checks a tenant API key against the tenant cache: unknown, revoked and expired keys fail (401); a key of a
 * disabled tenant is authenticated without {@link TenantRoles#ACTIVE_TENANT} (403). An in-memory lookup of a
 * SHA-256, so it runs on the event loop.
 */
@ApplicationScoped
public class TenantApiKeyIdentityProvider implements IdentityProvider<TenantApiKeyRequest> {

    /** Identity attribute: the tenant the key belongs to. */
    public static final String TENANT_ID = "aleff.tenant-id";
    /** Identity attribute: the key's hash, so a long-lived stream can check the key again. */
    public static final String KEY_HASH = "aleff.api-key-hash";

    private final TenantDirectory directory;

    public TenantApiKeyIdentityProvider(TenantDirectory directory) {
        this.directory = directory;
    }

    @Override
    public Class<TenantApiKeyRequest> getRequestType() {
        return TenantApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TenantApiKeyRequest request, AuthenticationRequestContext context) {
        String key = request.apiKey();
        Optional<ApiKeyAccess> access = ApiKeys.looksValid(key)
                ? directory.access(ApiKeys.hash(key))
                : Optional.empty();
        if (access.isEmpty()) {
            return Uni.createFrom().failure(new AuthenticationFailedException("unknown, revoked or expired API key"));
        }
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("api-key:" + ApiKeys.displayPrefix(key)))
                .addAttribute(TENANT_ID, access.get().tenantId())
                .addAttribute(KEY_HASH, access.get().keyHash());
        if (access.get().tenantActive()) {
            identity.addRole(TenantRoles.ACTIVE_TENANT);
        }
        return Uni.createFrom().item(identity.build());
    }
}
