package ai.aleff.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTest {

    @TempDir
    Path dir;

    @Test
    void killEndsTheProcessAtOnceWithSigkill() {
        // Given a child that would run for a minute
        ManagedProcess child = ManagedProcess.start("sleeper", List.of("sleep", "60"), Map.of(), dir,
                dir.resolve("sleeper.log"));
        assertThat(child.isAlive()).isTrue();

        // When it is killed
        child.kill();

        // Then it is gone, ended by signal 9 (exit 128 + 9)
        assertThat(child.isAlive()).isFalse();
        assertThat(child.waitFor(Duration.ofSeconds(1))).isEqualTo(137);
    }
}
