package ai.aleff.testkit.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.aleff.deploy.AleffRealm;

/**
 * Users of the {@code aleff} realm for tests, created through Keycloak's admin API (tests create fresh tenants, so
 * their users are made on the fly), and their access tokens.
 *
 * <pre>
 * TestUser admin = RealmUsers.tenantAdmin(tenantId);
 * given().auth().oauth2(RealmUsers.token(admin))...
 * </pre>
 */
public final class RealmUsers {

    /** A client without the platform audience: its tokens are valid Keycloak tokens for some other application. */
    public static final String OTHER_AUDIENCE_CLIENT = "aleff-test-other-audience";
    /** A client like the CLI one whose access tokens live one second. */
    public static final String SHORT_LIVED_CLIENT = "aleff-test-short-lived";
    private static final Duration PLATFORM_TOKEN_REUSE = Duration.ofSeconds(120);

    private static TestUser platformAdmin;
    private static String platformToken;
    private static Instant platformTokenAt = Instant.EPOCH;
    private static boolean testClients;

    private RealmUsers() {
    }

    /** A user of the realm and the password it logs in with. */
    public record TestUser(String username, String password, String role, String tenantId) {
    }

    public static TestUser platformAdmin() {
        synchronized (RealmUsers.class) {
            if (platformAdmin == null) {
                platformAdmin = create(AleffRealm.PLATFORM_ADMIN_ROLE, null);
            }
            return platformAdmin;
        }
    }

    public static TestUser tenantAdmin(String tenantId) {
        return create(AleffRealm.TENANT_ADMIN_ROLE, tenantId);
    }

    public static TestUser tenantMember(String tenantId) {
        return create(AleffRealm.TENANT_MEMBER_ROLE, tenantId);
    }

    /** A new user with one realm role and, unless null, a tenant. */
    public static TestUser create(String role, String tenantId) {
        String username = "t-" + role + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = UUID.randomUUID().toString();
        KeycloakServer.admin().createUser(username, password, role, tenantId);
        return new TestUser(username, password, role, tenantId);
    }

    /** A fresh access token (audience aleff-platform, the user's roles and tenant) from the public CLI client. */
    public static String token(TestUser user) {
        return KeycloakServer.client().passwordToken(user.username(), user.password());
    }

    /** A platform administrator's token, reused for two minutes (tokens live five). */
    public static String platformAdminToken() {
        synchronized (RealmUsers.class) {
            if (platformToken == null || platformTokenAt.plus(PLATFORM_TOKEN_REUSE).isBefore(Instant.now())) {
                platformToken = token(platformAdmin());
                platformTokenAt = Instant.now();
            }
            return platformToken;
        }
    }

    /** A valid token of this realm for the user, but issued to another application (no aleff-platform audience). */
    public static String tokenForAnotherAudience(TestUser user) {
        ensureTestClients();
        return KeycloakServer.client().passwordToken(OTHER_AUDIENCE_CLIENT, user.username(), user.password());
    }

    /** A token like {@link #token} that expires one second after it is issued. */
    public static String shortLivedToken(TestUser user) {
        ensureTestClients();
        return KeycloakServer.client().passwordToken(SHORT_LIVED_CLIENT, user.username(), user.password());
    }

    private static void ensureTestClients() {
        synchronized (RealmUsers.class) {
            if (testClients) {
                return;
            }
            KeycloakServer.admin().ensureClient(client(OTHER_AUDIENCE_CLIENT, List.of(tenantMapper()), Map.of()));
            KeycloakServer.admin().ensureClient(client(SHORT_LIVED_CLIENT, List.of(audienceMapper(), tenantMapper()),
                    Map.of("access.token.lifespan", "1")));
            testClients = true;
        }
    }

    private static Map<String, Object> client(String clientId, List<Map<String, Object>> mappers,
            Map<String, String> attributes) {
        return Map.of("clientId", clientId, "enabled", true, "publicClient", true, "directAccessGrantsEnabled", true,
                "standardFlowEnabled", false, "protocol", "openid-connect", "protocolMappers", mappers, "attributes",
                attributes);
    }

    private static Map<String, Object> audienceMapper() {
        return Map.of("name", "aleff-platform audience", "protocol", "openid-connect", "protocolMapper",
                "oidc-audience-mapper", "config", Map.of("included.custom.audience", AleffRealm.AUDIENCE,
                        "access.token.claim", "true", "id.token.claim", "false"));
    }

    private static Map<String, Object> tenantMapper() {
        return Map.of("name", "tenant_id", "protocol", "openid-connect", "protocolMapper",
                "oidc-usermodel-attribute-mapper", "config",
                Map.of("user.attribute", AleffRealm.TENANT_ATTRIBUTE, "claim.name", AleffRealm.TENANT_ATTRIBUTE,
                        "jsonType.label", "String", "access.token.claim", "true", "id.token.claim", "true"));
    }
}
