package ai.aleff.tenant.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import ai.aleff.platform.secrets.SecretSettings;

/**
 * The launcher and the Kubernetes manifests hand the secret key over as environment variables (never on a command
 * line); this pins that SmallRye Config maps them onto the keys map.
 */
class SecretSettingsFromEnvironmentTest {

    @Test
    void environmentVariablesConfigureTheKeysMapAndTheActiveKey() {
        // Given the variables ./aleff run and k8s set
        String key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(Map.of("ALEFF_SECRETS_KEYS_LOCAL", key, "ALEFF_SECRETS_ACTIVE_KEY",
                        "local"), 300))
                .withMapping(SecretSettings.class)
                .build();

        // When the settings are read
        SecretSettings settings = config.getConfigMapping(SecretSettings.class);

        // Then the key is found under its id
        assertThat(settings.keys()).containsExactlyEntriesOf(Map.of("local", key));
        assertThat(settings.activeKey()).contains("local");
    }
}
