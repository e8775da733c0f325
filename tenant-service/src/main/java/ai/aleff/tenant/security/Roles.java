package ai.aleff.tenant.security;

/**
 * The realm roles of the {@code aleff} Keycloak realm (deploy's {@code keycloak/aleff-realm.json}), read from the
 * access token's {@code realm_access.roles}.
 */
public final class Roles {

    /** Operates the platform: creates tenants and manages any of them. */
    public static final String PLATFORM_ADMIN = "platform-admin";
    /** Manages the one tenant named by the token's tenant claim. */
    public static final String TENANT_ADMIN = "tenant-admin";
    /** Reads (never changes) the one tenant named by the token's tenant claim. */
    public static final String TENANT_MEMBER = "tenant-member";

    private Roles() {
    }
}
