package ai.aleff.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Keycloak server distribution ({@code org.keycloak:keycloak-quarkus-dist} zip), fetched by Maven as a
 * dependency of this module and unpacked once into a cache directory shared by every platform and test run on the
 * machine ({@code ~/.cache/aleff/keycloak-<version>}, or {@code $ALEFF_CACHE_DIR}). Instances never write into it
 * except Keycloak's own one-time build ({@code lib/quarkus}), which is the same for all of them; see
 * {@link KeycloakInstance}.
 */
public final class KeycloakDistribution {

    private static final String PROPERTIES = "/keycloak-distribution.properties";
    private static final String COMPLETE_MARKER = ".aleff-unpacked";

    private KeycloakDistribution() {
    }

    public static String version() {
        return properties().getProperty("version");
    }

    /** The zip in the local Maven repository, as the build resolved it. */
    public static Path zip() {
        String zip = properties().getProperty("zip", "");
        if (zip.isBlank() || zip.contains("${")) {
            throw new PlatformStartException("The build did not record where the Keycloak distribution is "
                    + "(keycloak-distribution.properties): build the deploy module with Maven (./aleff build).");
        }
        Path path = Path.of(zip);
        if (!Files.isRegularFile(path)) {
            throw new PlatformStartException("The Keycloak distribution " + path
                    + " is missing: build again (./aleff build) so that Maven downloads it.");
        }
        return path;
    }

    /** The unpacked distribution, unpacking it first if no earlier run did. Safe across processes. */
    public static Path home() {
        Path cache = cacheDirectory();
        Path home = cache.resolve("keycloak-" + version());
        if (Files.isRegularFile(home.resolve(COMPLETE_MARKER))) {
            return home;
        }
        try {
            Files.createDirectories(cache);
            try (FileChannel lock = FileChannel.open(cache.resolve("keycloak-" + version() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock held = lock.lock()) {
                if (!Files.isRegularFile(home.resolve(COMPLETE_MARKER))) {
                    unpack(zip(), home);
                }
            }
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot unpack Keycloak into " + home, e);
        }
    }

    static Path cacheDirectory() {
        String configured = System.getenv("ALEFF_CACHE_DIR");
        Path base = configured == null || configured.isBlank()
                ? Path.of(System.getProperty("user.home"), ".cache", "aleff")
                : Path.of(configured);
        return base.toAbsolutePath().normalize();
    }

    private static void unpack(Path zip, Path home) throws IOException {
        Path staging = home.resolveSibling(home.getFileName() + ".unpacking");
        deleteRecursively(staging);
        deleteRecursively(home);
        Files.createDirectories(staging);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                // The zip holds one top-level directory (keycloak-<version>/): strip it.
                String name = entry.getName();
                int slash = name.indexOf('/');
                if (slash < 0 || slash == name.length() - 1) {
                    continue;
                }
                Path target = staging.resolve(name.substring(slash + 1)).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("Refusing a zip entry outside the distribution: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try (Stream<Path> scripts = Files.list(staging.resolve("bin"))) {
            scripts.filter(path -> path.toString().endsWith(".sh")).forEach(path -> path.toFile().setExecutable(true));
        }
        Files.writeString(staging.resolve(COMPLETE_MARKER), zip + "\n");
        Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static Properties properties() {
        Properties properties = new Properties();
        try (InputStream in = KeycloakDistribution.class.getResourceAsStream(PROPERTIES)) {
            if (in == null) {
                throw new PlatformStartException(PROPERTIES + " is missing: build the deploy module with Maven.");
            }
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + PROPERTIES, e);
        }
    }
}
