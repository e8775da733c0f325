package ai.aleff.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedKeycloakTest {

    @TempDir
    Path dir;

    @Test
    void aRecordedPidThatIsAliveButNotThisDirectorysKeycloakIsNeverTakenForIt() throws IOException {
        // Given a state file whose pid was recycled by another live process (this test JVM)
        SharedKeycloak shared = new SharedKeycloak(dir);
        Files.writeString(shared.stateFile(), "pid=" + ProcessHandle.current().pid() + "\nurl=http://127.0.0.1:1\n");

        // When it is read and checked
        SharedKeycloak.State state = shared.read().orElseThrow();

        // Then it is not recognised as the shared server, so it is neither reused nor stopped
        assertThat(state.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(shared.ours(state)).isEmpty();
    }

    @Test
    void aMissingOrGarbledStateFileRecordsNothing() throws IOException {
        SharedKeycloak shared = new SharedKeycloak(dir);
        assertThat(shared.read()).isEmpty();
        Files.writeString(shared.stateFile(), "pid=not-a-number\n");
        assertThat(shared.read()).isEmpty();
    }
}
