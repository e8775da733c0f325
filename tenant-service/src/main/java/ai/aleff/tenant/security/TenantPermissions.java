package ai.aleff.tenant.security;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.PermissionChecker;
import io.quarkus.security.identity.SecurityIdentity;

import ai.aleff.tenant.config.TenantSettings;

/**
 * The one place that decides who may do what to a tenant. Resources name a permission with
 * {@code @PermissionsAllowed(TenantPermissions.READ)} (or {@link #MANAGE}) on a method whose tenant path parameter
 * is called {@code id}; Quarkus Security calls the checker below with that value.
 * <ul>
 * <li>platform administrators: any tenant, read and manage;</li>
 * <li>tenant administrators: only the tenant in their token's tenant claim, read and manage;</li>
 * <li>tenant members: only their tenant, read only.</li>
 * </ul>
 * Any other tenant is refused with 403 <em>before</em> the tenant is looked up, whether it exists or not, so the
 * answer never tells a caller whether someone else's tenant id is real.
 */
@ApplicationScoped
public class TenantPermissions {

    public static final String READ = "tenant:read";
    public static final String MANAGE = "tenant:manage";

    private static final Pattern CANONICAL_UUID = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final String tenantClaim;

    public TenantPermissions(TenantSettings settings) {
        this.tenantClaim = settings.tenantClaim();
    }

    @PermissionChecker(READ)
    boolean canRead(SecurityIdentity identity, String id) {
        return identity.hasRole(Roles.PLATFORM_ADMIN) || ((identity.hasRole(Roles.TENANT_ADMIN)
                || identity.hasRole(Roles.TENANT_MEMBER)) && isOwnTenant(identity, id));
    }

    @PermissionChecker(MANAGE)
    boolean canManage(SecurityIdentity identity, String id) {
        return identity.hasRole(Roles.PLATFORM_ADMIN)
                || (identity.hasRole(Roles.TENANT_ADMIN) && isOwnTenant(identity, id));
    }

    /** The tenant the caller belongs to, from the token's tenant claim; empty for a caller of no tenant. */
    public Optional<UUID> callerTenant(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Optional.empty();
        }
        Object claim = token.getClaim(tenantClaim);
        return claim == null ? Optional.empty() : uuid(claim.toString());
    }

    private boolean isOwnTenant(SecurityIdentity identity, String id) {
        Optional<UUID> own = callerTenant(identity);
        return own.isPresent() && own.equals(uuid(id));
    }

    private static Optional<UUID> uuid(String value) {
        String plain = value.startsWith("\"") && value.endsWith("\"") && value.length() > 1
                ? value.substring(1, value.length() - 1)
                : value;
        return CANONICAL_UUID.matcher(plain).matches() ? Optional.of(UUID.fromString(plain)) : Optional.empty();
    }
}
