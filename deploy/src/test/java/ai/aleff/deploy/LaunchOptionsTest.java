package ai.aleff.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    private static final Path REPO = Path.of("/repo");

    @Test
    void withoutArgumentsUsesTheRepositoryDataDirectoryAndDefaultPorts() {
        // Given no arguments and no ALEFF_DATA_DIR
        LaunchOptions options = LaunchOptions.parse(new String[0], Map.of());

        // When the settings are derived
        PlatformSettings settings = options.toSettings(REPO, Map.of());

        // Then the documented defaults apply
        assertThat(settings.dataDir()).isEqualTo(REPO.resolve(".aleff"));
        assertThat(settings.postgresPort()).isEqualTo(55432);
        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.kafkaControllerPort()).isEqualTo(9093);
        assertThat(settings.port(PlatformService.CHANNEL_INGRESS)).isEqualTo(8080);
        assertThat(settings.port(PlatformService.TENANT_SERVICE)).isEqualTo(8081);
        assertThat(settings.port(PlatformService.AGENT_WORKER)).isEqualTo(8082);
        assertThat(settings.port(PlatformService.TOOL_EXECUTOR)).isEqualTo(8083);
        assertThat(settings.port(PlatformService.AUDIT_SERVICE)).isEqualTo(8084);
        assertThat(options.help()).isFalse();
    }

    @Test
    void restartsDefaultToSixQuickFailuresAndZeroTurnsThemOff() {
        // Given no --restarts, then --restarts 0, then --restarts=2
        RestartPolicy byDefault = LaunchOptions.parse(new String[0], Map.of()).restartPolicy();
        RestartPolicy off = LaunchOptions.parse(new String[]{"--restarts", "0"}, Map.of()).restartPolicy();
        RestartPolicy two = LaunchOptions.parse(new String[]{"--restarts=2"}, Map.of()).restartPolicy();

        // Then the default restarts with the documented backoff, 0 never restarts, and the count is taken as given
        assertThat(byDefault).isEqualTo(RestartPolicy.DEFAULT);
        assertThat(byDefault.maxQuickFailures()).isEqualTo(6);
        assertThat(off.restarts()).isFalse();
        assertThat(two.maxQuickFailures()).isEqualTo(2);
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--restarts", "-1"}, Map.of()))
                .hasMessageContaining("--restarts must be between 0 and 1000");
    }

    @Test
    void dataDirectoryComesFromTheEnvironmentUnlessGivenOnTheCommandLine() {
        // Given ALEFF_DATA_DIR in the environment
        Map<String, String> environment = Map.of("ALEFF_DATA_DIR", "/from-env");

        // When parsed with and without --data-dir
        LaunchOptions fromEnvironment = LaunchOptions.parse(new String[0], environment);
        LaunchOptions fromArgument = LaunchOptions.parse(new String[]{"--data-dir", "/from-arg"}, environment);

        // Then the argument wins over the environment
        assertThat(fromEnvironment.toSettings(REPO, Map.of()).dataDir()).isEqualTo(Path.of("/from-env"));
        assertThat(fromArgument.toSettings(REPO, Map.of()).dataDir()).isEqualTo(Path.of("/from-arg"));
    }

    @Test
    void portOffsetShiftsEveryPortAndExplicitPortsWin() {
        // Given an offset and an explicit PostgreSQL port, in both argument styles
        String[] args = {"--port-offset=100", "--postgres-port", "6000"};

        // When parsed
        PlatformSettings settings = LaunchOptions.parse(args, Map.of()).toSettings(REPO, Map.of());

        // Then every port moves by the offset except the explicit one
        assertThat(settings.postgresPort()).isEqualTo(6000);
        assertThat(settings.kafkaPort()).isEqualTo(9192);
        assertThat(settings.kafkaControllerPort()).isEqualTo(9193);
        assertThat(settings.port(PlatformService.CHANNEL_INGRESS)).isEqualTo(8180);
        assertThat(settings.port(PlatformService.AUDIT_SERVICE)).isEqualTo(8184);
    }

    @Test
    void kafkaPortAlsoPlacesTheControllerOnTheNextPort() {
        // Given an explicit broker port
        PlatformSettings settings = LaunchOptions.parse(new String[]{"--kafka-port", "19092"}, Map.of())
                .toSettings(REPO, Map.of());

        // Then the controller listens right after it
        assertThat(settings.kafkaPort()).isEqualTo(19092);
        assertThat(settings.kafkaControllerPort()).isEqualTo(19093);
    }

    @Test
    void propertiesAreAddedToTheNamedServiceKeepingEqualsSignsInTheValue() {
        // Given two --property arguments
        String[] args = {"--property", "agent-worker:quarkus.log.level=DEBUG", "--property=tool-executor:a.b=x=y"};

        // When parsed
        PlatformSettings settings = LaunchOptions.parse(args, Map.of()).toSettings(REPO, Map.of());

        // Then each service gets only its own property
        assertThat(settings.extraProperties(PlatformService.AGENT_WORKER))
                .containsExactlyEntriesOf(Map.of("quarkus.log.level", "DEBUG"));
        assertThat(settings.extraProperties(PlatformService.TOOL_EXECUTOR))
                .containsExactlyEntriesOf(Map.of("a.b", "x=y"));
        assertThat(settings.extraProperties(PlatformService.AUDIT_SERVICE)).isEmpty();
    }

    @Test
    void helpIsRecognised() {
        assertThat(LaunchOptions.parse(new String[]{"--help"}, Map.of()).help()).isTrue();
        assertThat(LaunchOptions.parse(new String[]{"-h"}, Map.of()).help()).isTrue();
    }

    @Test
    void malformedArgumentsAreRejectedWithAMessageForTheUser() {
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--bogus"}, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown option '--bogus'");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--data-dir"}, Map.of()))
                .hasMessageContaining("--data-dir needs a value");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--port-offset", "ten"}, Map.of()))
                .hasMessageContaining("expects a number");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--postgres-port", "70000"}, Map.of()))
                .hasMessageContaining("between 1 and 65535");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--property", "agent-worker"}, Map.of()))
                .hasMessageContaining("<service>:<key>=<value>");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--property", "agent-worker:=x"}, Map.of()))
                .hasMessageContaining("<service>:<key>=<value>");
        assertThatThrownBy(() -> LaunchOptions.parse(new String[]{"--property", "nope:a=b"}, Map.of()))
                .hasMessageContaining("Unknown service 'nope'");
    }
}
