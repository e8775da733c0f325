package ai.aleff.deploy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the repository root (the directory holding {@code aleff} and the parent {@code pom.xml}), starting from
 * the launcher's own jar or classes and then from the working directory.
 */
public final class RepoLocator {

    private RepoLocator() {
    }

    public static Path locate() {
        return codeLocation().flatMap(RepoLocator::findUpwards)
                .or(() -> findUpwards(Path.of("").toAbsolutePath()))
                .orElseThrow(() -> new PlatformStartException(
                        "Cannot find the AleffAI repository (a directory with `aleff` and `pom.xml`). "
                                + "Run from inside it or pass --repo-dir."));
    }

    static Optional<Path> findUpwards(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("aleff")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> codeLocation() {
        try {
            return Optional.of(Path.of(RepoLocator.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
