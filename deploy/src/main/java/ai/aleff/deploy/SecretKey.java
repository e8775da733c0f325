package ai.aleff.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The platform secret key that encrypts tenants' model API keys (AES-256): generated once per data directory, then
 * read back, because a new key would leave every stored tenant key unreadable.
 */
public final class SecretKey {

    /** The key id the launcher configures ({@code aleff.secrets.keys.local}, {@code aleff.secrets.active-key}). */
    public static final String ID = "local";
    private static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretKey() {
    }

    /** The base64 of 32 random bytes stored in {@code file}, created (mode 600) when missing or unusable. */
    public static String loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                String key = Files.readString(file).strip();
                if (isValid(key)) {
                    return key;
                }
                if (!key.isEmpty()) {
                    // Replacing a damaged key would silently orphan every stored secret: let the operator decide.
                    throw new IllegalStateException("The secret key in " + file + " is not the base64 of " + BYTES
                            + " bytes; restore it, or delete it to generate a new one (stored model API keys "
                            + "then have to be set again).");
                }
            }
            byte[] bytes = new byte[BYTES];
            RANDOM.nextBytes(bytes);
            String key = Base64.getEncoder().encodeToString(bytes);
            Files.createDirectories(file.getParent());
            Files.writeString(file, key + "\n");
            restrictToOwner(file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the secret key at " + file, e);
        }
    }

    private static boolean isValid(String key) {
        try {
            return Base64.getDecoder().decode(key).length == BYTES;
        } catch (IllegalArgumentException e) {
            return false;
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
