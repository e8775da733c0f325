package ai.aleff.platform.tenancy;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The tenant the current request was authenticated as (by its API key). Every query in a request is scoped by it.
 * Read it only in resources guarded by {@code @RolesAllowed(TenantRoles.ACTIVE_TENANT)}: the check has resolved the
 * identity by then, so reading it never blocks.
 */
@RequestScoped
public class TenantContext {

    private final SecurityIdentity identity;

    public TenantContext(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String tenantId() {
        return attribute(TenantApiKeyIdentityProvider.TENANT_ID);
    }

    /** The SHA-256 of the key the request was authenticated with. */
    public String keyHash() {
        return attribute(TenantApiKeyIdentityProvider.KEY_HASH);
    }

    private String attribute(String name) {
        String value = identity.getAttribute(name);
        if (value == null) {
            throw new IllegalStateException("No tenant API key authenticated this request: is the resource "
                    + "@RolesAllowed(TenantRoles.ACTIVE_TENANT)?");
        }
        return value;
    }
}
