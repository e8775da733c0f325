package ai.aleff.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KeycloakNodeTest {

    @Test
    void startsOnLoopbackWithTheIssuerPinnedAndTheAdministratorOnlyInTheEnvironment() {
        // Given an instance directory and a generated administrator
        KeycloakInstance instance = new KeycloakInstance(Path.of("/data/keycloak"));
        KeycloakAdminCredentials admin = new KeycloakAdminCredentials("admin", "kc_secret");

        // When the command and its environment are built
        List<String> command = KeycloakNode.command(instance, 8180, 9180);
        Map<String, String> environment = KeycloakNode.environment(admin);

        // Then Keycloak listens on loopback only, names itself as clients reach it, and imports the realm
        assertThat(command).startsWith("/data/keycloak/bin/kc.sh", "start-dev")
                .contains("--http-host=127.0.0.1", "--http-port=8180", "--hostname=http://127.0.0.1:8180",
                        "--http-management-port=9180", "--import-realm");
        // And the password is in the environment, never on the command line (every user sees those)
        assertThat(String.join(" ", command)).doesNotContain("kc_secret");
        assertThat(environment).containsEntry("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
                .containsEntry("KC_BOOTSTRAP_ADMIN_PASSWORD", "kc_secret")
                .containsEntry("JAVA_OPTS_KC_HEAP", KeycloakNode.HEAP_OPTIONS);
        assertThat(admin.toString()).doesNotContain("kc_secret");
    }
}
