package ai.aleff.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClasspathTest {

    @TempDir
    Path dir;

    @Test
    void manifestOnlyJarsAreExpandedRelativeToTheirOwnDirectory() throws IOException {
        // Given a launcher-style jar whose manifest lists lib/ jars, and a plain directory entry
        Path launcher = jar(dir.resolve("aleff-launcher.jar"), "lib/kafka_2.13.jar lib/slf4j-simple.jar");
        Path classes = Files.createDirectory(dir.resolve("classes"));

        // When the classpath is resolved
        String classpath = KafkaClasspath.resolve(launcher + File.pathSeparator + classes);

        // Then the manifest entries follow the jar, resolved against the jar's directory
        assertThat(List.of(classpath.split(File.pathSeparator))).containsExactly(launcher.toString(),
                dir.resolve("lib/kafka_2.13.jar").toString(), dir.resolve("lib/slf4j-simple.jar").toString(),
                classes.toString());
    }

    @Test
    void jarsWithoutClassPathAndDuplicatesAddNothing() throws IOException {
        // Given a plain jar listed twice
        Path plain = jar(dir.resolve("plain.jar"), null);

        // When resolved
        String classpath = KafkaClasspath.resolve(plain + File.pathSeparator + plain);

        // Then it appears once
        assertThat(classpath).isEqualTo(plain.toString());
    }

    @Test
    void theTestJvmClasspathContainsTheBroker() {
        // When resolved from this JVM (Surefire's booter jar is expanded)
        String classpath = KafkaClasspath.resolve();

        // Then kafka_2.13 and an slf4j binding are on it
        assertThat(classpath).contains("kafka_2.13").contains("slf4j-simple");
    }

    private static Path jar(Path path, String classPath) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) {
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        }
        try (OutputStream out = Files.newOutputStream(path); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
        return path;
    }
}
