package ai.aleff.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * One Keycloak server's own directory: its {@code data/} (H2 database, realm import, transaction logs) is its own,
 * everything else links to the shared {@link KeycloakDistribution}. {@code kc.sh} takes its home from its own
 * location, so {@code bin/} is a copy and the rest are symbolic links; the distribution is unpacked and built once
 * per machine, each platform or test run keeps its data apart.
 */
public record KeycloakInstance(Path directory) {

    public Path script() {
        return directory.resolve("bin").resolve("kc.sh");
    }

    public Path data() {
        return directory.resolve("data");
    }

    /** Whether the realm was imported into this instance's database before (Keycloak then keeps it as it is). */
    public boolean hasDatabase() {
        return Files.isDirectory(data().resolve("h2"));
    }

    /** Creates or refreshes the directory from the distribution and puts the realm file where Keycloak imports it. */
    public static KeycloakInstance prepare(Path directory) {
        Path home = KeycloakDistribution.home();
        try {
            Files.createDirectories(directory.resolve("bin"));
            try (Stream<Path> entries = Files.list(home)) {
                for (Path entry : entries.toList()) {
                    String name = entry.getFileName().toString();
                    if (name.equals("bin") || name.equals("data") || name.startsWith(".")) {
                        continue;
                    }
                    Path link = directory.resolve(name);
                    // A link left by an older distribution (another pinned version) is pointed at this one.
                    if (Files.isSymbolicLink(link) && !Files.readSymbolicLink(link).equals(entry)) {
                        Files.delete(link);
                    }
                    if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createSymbolicLink(link, entry);
                    }
                }
            }
            try (Stream<Path> scripts = Files.list(home.resolve("bin"))) {
                for (Path script : scripts.filter(Files::isRegularFile).toList()) {
                    Path copy = directory.resolve("bin").resolve(script.getFileName());
                    Files.copy(script, copy, StandardCopyOption.REPLACE_EXISTING);
                    copy.toFile().setExecutable(script.toFile().canExecute());
                }
            }
            Path imports = directory.resolve("data").resolve("import");
            Files.createDirectories(imports);
            Files.write(imports.resolve(AleffRealm.NAME + "-realm.json"), AleffRealm.json());
            return new KeycloakInstance(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the Keycloak directory " + directory, e);
        }
    }

    /** Drops the database, so that the next start imports the realm file afresh. */
    public void resetDatabase() {
        try {
            KeycloakDistribution.deleteRecursively(data().resolve("h2"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reset the Keycloak database in " + data(), e);
        }
    }
}
