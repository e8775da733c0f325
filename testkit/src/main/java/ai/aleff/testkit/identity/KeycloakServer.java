package ai.aleff.testkit.identity;

import ai.aleff.deploy.KeycloakAdmin;
import ai.aleff.deploy.KeycloakAdminCredentials;
import ai.aleff.deploy.KeycloakClient;
import ai.aleff.deploy.RepoLocator;
import ai.aleff.deploy.SharedKeycloak;

/**
 * One real Keycloak for the whole test run, shared by every test JVM (Maven runs each module's tests in a JVM of its
 * own, and Keycloak takes ~30 s to start). The first JVM that needs it starts it as a detached process and records
 * it in {@code target/keycloak/state.properties} at the repository root; later JVMs reuse it while it is alive.
 * {@code ./aleff test} stops it by its pid when the run ends; started by hand with {@code ./mvnw}, it stays up for
 * the next run (stop it with {@code kill $(sed -n 's/^pid=//p' target/keycloak/state.properties)}).
 * <p>
 * Within a JVM the URL is shared through a system property, so the Quarkus class loader of every test profile sees
 * the same server.
 */
public final class KeycloakServer {

    /** TEST ONLY: the shared test Keycloak's bootstrap administrator. */
    public static final KeycloakAdminCredentials ADMIN = SharedKeycloak.ADMIN;

    private static final String SHARED = "aleff.testkit.keycloak.url";

    private KeycloakServer() {
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}; starts or finds the shared server on first use. */
    public static String url() {
        synchronized (System.class) {
            String shared = System.getProperty(SHARED);
            if (shared != null) {
                return shared;
            }
            String url = shared().acquire().url();
            System.setProperty(SHARED, url);
            return url;
        }
    }

    /** The issuer of the test tokens: {@code quarkus.oidc.auth-server-url} of a service under test. */
    public static String realmUrl() {
        return client().realmUrl();
    }

    public static KeycloakClient client() {
        return new KeycloakClient(url());
    }

    public static KeycloakAdmin admin() {
        return client().admin(ADMIN);
    }

    /** The run's shared server: state, directory and log in {@code <repository>/target/keycloak}. */
    public static SharedKeycloak shared() {
        return SharedKeycloak.ofRepository(RepoLocator.locate());
    }

    /** Prints {@code <url> <pid>} of the shared server (started if needed): how a second JVM is tested to reuse it. */
    public static void main(String[] args) {
        SharedKeycloak.State state = shared().acquire();
        System.out.println(state.url() + " " + state.pid());
    }
}
