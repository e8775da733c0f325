package ai.aleff.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The {@code aleff} Keycloak realm, imported from {@code keycloak/aleff-realm.json} (this module's resources, the one
 * file both the launcher and testkit's Keycloak import). The names here are the realm file's.
 */
public final class AleffRealm {

    public static final String NAME = "aleff";
    public static final String RESOURCE = "/keycloak/aleff-realm.json";
    /** Public client with direct access grants, for curl and scripts. */
    public static final String CLI_CLIENT = "aleff-cli";
    /** The audience every platform API requires in an access token. */
    public static final String AUDIENCE = "aleff-platform";
    /** The user attribute (and token claim) naming the user's tenant. */
    public static final String TENANT_ATTRIBUTE = "tenant_id";

    public static final String PLATFORM_ADMIN_ROLE = "platform-admin";
    public static final String TENANT_ADMIN_ROLE = "tenant-admin";
    public static final String TENANT_MEMBER_ROLE = "tenant-member";

    /** Demo users of the realm file. Local and development use only: the passwords are public. */
    public static final DemoUser PLATFORM_ADMIN = new DemoUser("platform-admin", "aleff-platform-admin",
            PLATFORM_ADMIN_ROLE);
    public static final DemoUser DEMO_TENANT_ADMIN = new DemoUser("demo-admin", "aleff-demo-admin",
            TENANT_ADMIN_ROLE);
    public static final DemoUser DEMO_TENANT_MEMBER = new DemoUser("demo-member", "aleff-demo-member",
            TENANT_MEMBER_ROLE);

    private AleffRealm() {
    }

    /** A user and password of the realm file. */
    public record DemoUser(String username, String password, String role) {
    }

    public static byte[] json() {
        try (InputStream in = AleffRealm.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the deploy module");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }
}
