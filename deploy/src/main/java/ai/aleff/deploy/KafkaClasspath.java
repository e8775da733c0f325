package ai.aleff.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The classpath of the child broker JVM: this launcher's own dependencies (kafka_2.13, its runtime dependencies
 * and an slf4j binding). From the packaged launcher that is {@code lib/*} beside the jar; from tests it is the
 * test JVM's classpath, with manifest-only jars (Surefire's booter, the launcher jar) expanded.
 */
public final class KafkaClasspath {

    private KafkaClasspath() {
    }

    public static String resolve() {
        return resolve(System.getProperty("java.class.path"));
    }

    static String resolve(String javaClassPath) {
        Set<String> entries = new LinkedHashSet<>();
        for (String entry : javaClassPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path path = Path.of(entry).toAbsolutePath();
            entries.add(path.toString());
            if (path.toString().endsWith(".jar") && Files.isRegularFile(path)) {
                entries.addAll(manifestClassPath(path));
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    static List<String> manifestClassPath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            List<String> entries = new ArrayList<>();
            if (classPath == null) {
                return entries;
            }
            URI base = jar.getParent().toUri();
            for (String element : classPath.trim().split("\\s+")) {
                if (!element.isEmpty()) {
                    entries.add(Path.of(base.resolve(element)).toString());
                }
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the manifest of " + jar, e);
        }
    }
}
