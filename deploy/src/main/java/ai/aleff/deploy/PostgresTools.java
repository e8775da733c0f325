package ai.aleff.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code pg_dump} and {@code pg_restore} for {@code ./aleff backup} / {@code restore}. The embedded PostgreSQL the
 * launcher runs ships only the server (initdb, pg_ctl, postgres), so these come from a PostgreSQL client of version
 * 14 or newer: {@code $ALEFF_PG_BIN}, else the newest {@code /usr/lib/postgresql/<n>/bin} (Debian's
 * postgresql-client, which {@code ./aleff} installs when it is missing and it may), else the {@code PATH}.
 */
final class PostgresTools {

    static final String INSTALL_HINT = "install a PostgreSQL client of version 14 or newer (Debian/Ubuntu: "
            + "apt-get install postgresql-client) or point ALEFF_PG_BIN at the directory holding pg_dump";

    private final Path bin;

    private PostgresTools(Path bin) {
        this.bin = bin;
    }

    /** The tools' directory; a {@link PlatformStartException} saying how to install them when there are none. */
    static PostgresTools locate(Map<String, String> environment) {
        Optional<Path> configured = Optional.ofNullable(environment.get("ALEFF_PG_BIN")).filter(v -> !v.isBlank())
                .map(Path::of);
        if (configured.isPresent()) {
            if (!hasTools(configured.get())) {
                throw new PlatformStartException("ALEFF_PG_BIN=" + configured.get()
                        + " holds no pg_dump and pg_restore; " + INSTALL_HINT);
            }
            return new PostgresTools(configured.get());
        }
        return debianClients().or(() -> onPath(environment.getOrDefault("PATH", "")))
                .map(PostgresTools::new)
                .orElseThrow(
                        () -> new PlatformStartException("pg_dump and pg_restore were not found; " + INSTALL_HINT));
    }

    Path pgDump() {
        return bin.resolve("pg_dump");
    }

    Path pgRestore() {
        return bin.resolve("pg_restore");
    }

    /**
     * Runs one tool against the platform's PostgreSQL as its superuser; the password travels in the environment,
     * never on the command line. Fails with the tool's own output when it does not exit with 0.
     */
    static void run(List<String> command, String password, String what) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("PGPASSWORD", password);
            Process process = builder.start();
            process.getOutputStream().close();
            String output;
            try (var in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            int exit = process.waitFor();
            if (exit != 0) {
                throw new PlatformStartException(what + " failed (" + command.getFirst() + " exit " + exit + "):\n"
                        + output.strip());
            }
        } catch (IOException e) {
            throw new PlatformStartException("Cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformStartException("Interrupted during " + what, e);
        }
    }

    private static boolean hasTools(Path dir) {
        return Files.isExecutable(dir.resolve("pg_dump")) && Files.isExecutable(dir.resolve("pg_restore"));
    }

    private static Optional<Path> debianClients() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(dir -> dir.getFileName().toString().matches("\\d+"))
                    .filter(dir -> Integer.parseInt(dir.getFileName().toString()) >= 14)
                    .max(Comparator.comparingInt(dir -> Integer.parseInt(dir.getFileName().toString())))
                    .map(dir -> dir.resolve("bin"))
                    .filter(PostgresTools::hasTools);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> onPath(String path) {
        List<Path> dirs = new ArrayList<>();
        for (String entry : path.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                dirs.add(Path.of(entry));
            }
        }
        return dirs.stream().filter(PostgresTools::hasTools).findFirst();
    }
}
