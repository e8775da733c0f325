package ai.aleff.platform.tenancy;

/** Roles of identities authenticated by a tenant API key. */
public final class TenantRoles {

    /**
     * A current key of an active tenant. A key of a disabled tenant is still authenticated but lacks this role, so
     * {@code @RolesAllowed(TenantRoles.ACTIVE_TENANT)} answers 403 for it and 401 only for keys that are not valid.
     */
    public static final String ACTIVE_TENANT = "tenant-api-key";

    private TenantRoles() {
    }
}
