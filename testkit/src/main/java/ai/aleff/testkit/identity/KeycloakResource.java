package ai.aleff.testkit.identity;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points a {@code @QuarkusTest}'s OIDC resource server at the realm of the run's shared Keycloak. */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.auth-server-url", KeycloakServer.realmUrl());
    }

    @Override
    public void stop() {
        // Shared by every test JVM of the run; ./aleff test stops it at the end.
    }
}
