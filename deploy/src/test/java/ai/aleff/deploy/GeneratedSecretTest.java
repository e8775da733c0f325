package ai.aleff.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedSecretTest {

    @TempDir
    Path dir;

    @Test
    void isGeneratedOnceReadableOnlyByTheOwnerAndReusedAfterwards() throws IOException {
        // Given no token file yet
        Path file = dir.resolve("data/admin-token");

        // When loaded twice
        String first = GeneratedSecret.loadOrCreate(file, "adm_");
        String second = GeneratedSecret.loadOrCreate(file, "adm_");

        // Then the same unguessable token comes back and only the owner can read the file
        assertThat(first).startsWith("adm_").hasSize(4 + 48);
        assertThat(second).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void differentDataDirectoriesGetDifferentTokens() {
        assertThat(GeneratedSecret.loadOrCreate(dir.resolve("a/admin-token"), "adm_"))
                .isNotEqualTo(GeneratedSecret.loadOrCreate(dir.resolve("b/admin-token"), "adm_"));
    }

    @Test
    void anEmptyFileIsReplacedByANewToken() throws IOException {
        // Given an empty token file (an interrupted first run)
        Path file = Files.writeString(dir.resolve("admin-token"), "\n");

        // When loaded
        String token = GeneratedSecret.loadOrCreate(file, "adm_");

        // Then a token is generated and stored
        assertThat(token).startsWith("adm_");
        assertThat(Files.readString(file).strip()).isEqualTo(token);
    }
}
