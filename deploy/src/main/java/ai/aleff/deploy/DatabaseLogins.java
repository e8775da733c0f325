package ai.aleff.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The PostgreSQL passwords of the local platform, generated once per data directory and kept in
 * {@code <data>/database/<role>.password} (directory mode 700, files 600): the superuser's, which the launcher alone
 * uses to provision, and those of the services' roles. They reach a service only through its environment.
 */
public final class DatabaseLogins {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Path directory;

    private DatabaseLogins(Path directory) {
        this.directory = directory;
    }

    public static DatabaseLogins in(Path dataDir) {
        return new DatabaseLogins(dataDir.resolve("database"));
    }

    /** The file holding the superuser's password (initdb reads it from there when it creates the cluster). */
    public Path superuserPasswordFile() {
        return file(PlatformSettings.DATABASE_USER);
    }

    public String superuserPassword() {
        return password(PlatformSettings.DATABASE_USER);
    }

    /** The password of {@code role}, created when the data directory has none yet. */
    public synchronized String password(String role) {
        Path file = file(role);
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file).strip();
                if (!stored.isEmpty()) {
                    return stored;
                }
            }
            Files.createDirectories(directory);
            restrict(directory, "rwx------");
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.writeString(file, password + "\n");
            restrict(file, "rw-------");
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the database password at " + file, e);
        }
    }

    private Path file(String role) {
        return directory.resolve(role + ".password");
    }

    private static void restrict(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the file keeps the directory's permissions.
        }
    }
}
