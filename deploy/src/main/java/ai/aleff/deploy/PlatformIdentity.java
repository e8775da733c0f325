package ai.aleff.deploy;

/**
 * The platform's Keycloak as its users and tools see it: where tokens come from, the demo platform administrator's
 * token, and (for a Keycloak the platform started itself) the admin API with the generated bootstrap administrator.
 */
public record PlatformIdentity(PlatformSettings settings, DataLayout layout) {

    static final String ADMIN_USERNAME = "admin";

    public KeycloakClient client() {
        return new KeycloakClient(settings.keycloakBaseUrl());
    }

    /** A fresh access token of the realm's demo platform administrator. */
    public String platformAdminToken() {
        return client().passwordToken(AleffRealm.PLATFORM_ADMIN.username(), AleffRealm.PLATFORM_ADMIN.password());
    }

    /** Keycloak's bootstrap administrator, generated into the data directory on the first run. */
    public KeycloakAdminCredentials adminCredentials() {
        if (!settings.startsKeycloak()) {
            throw new IllegalStateException(
                    "This platform uses a Keycloak it did not start: " + settings.keycloakUrl());
        }
        return new KeycloakAdminCredentials(ADMIN_USERNAME,
                GeneratedSecret.loadOrCreate(layout.keycloakAdminPassword(), "kc_"));
    }

    public KeycloakAdmin admin() {
        return client().admin(adminCredentials());
    }
}
