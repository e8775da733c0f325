package ai.aleff.tenant.rest;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;

import ai.aleff.tenant.security.Roles;
import ai.aleff.tenant.security.TenantPermissions;
import ai.aleff.tenant.service.Actor;

/**
 * The {@link Actor} of the current request, from its Keycloak access token: the subject is the token's {@code sub}
 * (recorded in the administrative audit); a platform administrator acts on any tenant, a tenant administrator or
 * member only on the tenant of the token's tenant claim. Which operation each may call is decided before this, by
 * {@link TenantPermissions}.
 */
@RequestScoped
public class CurrentActor {

    private final SecurityIdentity identity;
    private final TenantPermissions permissions;

    public CurrentActor(SecurityIdentity identity, TenantPermissions permissions) {
        this.identity = identity;
        this.permissions = permissions;
    }

    public Actor actor() {
        String subject = identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null
                ? token.getSubject()
                : identity.getPrincipal().getName();
        if (identity.hasRole(Roles.PLATFORM_ADMIN)) {
            return Actor.platform(subject);
        }
        Optional<UUID> tenant = permissions.callerTenant(identity);
        if (tenant.isPresent() && (identity.hasRole(Roles.TENANT_ADMIN) || identity.hasRole(Roles.TENANT_MEMBER))) {
            return Actor.ofTenant(subject, tenant.get());
        }
        // The permission checks let no such caller through; a new endpoint without one must not act unscoped.
        throw new ForbiddenException("no tenant in the access token");
    }
}
