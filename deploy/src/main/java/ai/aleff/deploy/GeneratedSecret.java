package ai.aleff.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A secret of the local platform (Keycloak's bootstrap administrator password): generated on the first run into a
 * file only the owner can read, then read back so that later runs and curl sessions keep working.
 */
public final class GeneratedSecret {

    private static final SecureRandom RANDOM = new SecureRandom();

    private GeneratedSecret() {
    }

    public static String loadOrCreate(Path file, String prefix) {
        try {
            if (Files.exists(file)) {
                String token = Files.readString(file).strip();
                if (!token.isEmpty()) {
                    return token;
                }
            }
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            String token = prefix + HexFormat.of().formatHex(bytes);
            Files.createDirectories(file.getParent());
            Files.writeString(file, token + "\n");
            restrictToOwner(file);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the secret at " + file, e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the file keeps the directory's permissions.
        }
    }
}
