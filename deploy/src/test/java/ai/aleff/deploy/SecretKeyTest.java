package ai.aleff.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeyTest {

    @TempDir
    Path dir;

    @Test
    void isGeneratedOnceAs32RandomBytesReadableOnlyByTheOwnerAndReusedAfterwards() throws IOException {
        // Given no key file yet
        Path file = dir.resolve("data/secret-key");

        // When loaded twice
        String first = SecretKey.loadOrCreate(file);
        String second = SecretKey.loadOrCreate(file);

        // Then the same AES-256 key comes back and only the owner can read the file
        assertThat(Base64.getDecoder().decode(first)).hasSize(32);
        assertThat(second).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void differentDataDirectoriesGetDifferentKeys() {
        assertThat(SecretKey.loadOrCreate(dir.resolve("a/secret-key")))
                .isNotEqualTo(SecretKey.loadOrCreate(dir.resolve("b/secret-key")));
    }

    @Test
    void anEmptyFileIsReplacedByANewKey() throws IOException {
        Path file = Files.writeString(dir.resolve("secret-key"), "\n");

        String key = SecretKey.loadOrCreate(file);

        assertThat(Base64.getDecoder().decode(key)).hasSize(32);
        assertThat(Files.readString(file).strip()).isEqualTo(key);
    }

    @Test
    void aDamagedKeyIsNeverSilentlyReplaced() throws IOException {
        // Given a key file that is not 32 bytes of base64 (stored tenant keys depend on the original)
        Path file = Files.writeString(dir.resolve("secret-key"), "not-a-key\n");

        // Then loading fails with a clear message and the file is left as it was
        assertThatThrownBy(() -> SecretKey.loadOrCreate(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not the base64 of 32 bytes");
        assertThat(Files.readString(file)).isEqualTo("not-a-key\n");
    }
}
