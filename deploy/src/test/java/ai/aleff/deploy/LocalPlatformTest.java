package ai.aleff.deploy;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPlatformTest {

    @TempDir
    Path dir;

    @Test
    void missingServiceJarsAreReportedTogetherBeforeAnythingStarts() throws IOException {
        // Given a repository where only tenant-service was built
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path tenantJar = ServiceCommand.jar(repo, PlatformService.TENANT_SERVICE);
        Files.createDirectories(tenantJar.getParent());
        Files.writeString(tenantJar, "");
        LocalPlatform platform = LocalPlatform.create(PlatformSettings.builder(repo, dir.resolve("data")).build(),
                Progress.silent());

        // Then the check names every missing jar and says how to build them
        assertThatThrownBy(platform::requireServiceJars).isInstanceOf(PlatformStartException.class)
                .hasMessageContaining("run ./aleff build first")
                .hasMessageContaining("channel-ingress/target/quarkus-app/quarkus-run.jar")
                .hasMessageContaining("audit-service/target/quarkus-app/quarkus-run.jar")
                .hasMessageNotContaining("tenant-service/target");
    }

    @Test
    void servicesCannotStartBeforeTheInfrastructure() {
        // Given a platform that started nothing
        LocalPlatform platform = LocalPlatform.create(PlatformSettings.builder(dir, dir.resolve("data")).build(),
                Progress.silent());

        // Then starting services is refused, and closing is harmless
        assertThatThrownBy(platform::startServices).isInstanceOf(IllegalStateException.class);
        assertThatCode(platform::close).doesNotThrowAnyException();
    }

    @Test
    void faultsCanOnlyBeInjectedIntoWhatIsRunning() {
        // Given a platform that started nothing
        LocalPlatform platform = LocalPlatform.create(PlatformSettings.builder(dir, dir.resolve("data")).build(),
                Progress.silent());

        // Then there is nothing to kill or stop, and closing is harmless
        assertThatThrownBy(() -> platform.killService(PlatformService.AGENT_WORKER))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("agent-worker is not running");
        assertThatThrownBy(platform::stopKafka).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(platform::stopPostgres).isInstanceOf(IllegalStateException.class);
        assertThatCode(platform::close).doesNotThrowAnyException();
    }
}
