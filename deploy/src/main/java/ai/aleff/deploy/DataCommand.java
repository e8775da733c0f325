package ai.aleff.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@code ./aleff backup [file]} and {@code ./aleff restore <file> [--force]}, on the launcher's data directory. */
public final class DataCommand {

    static final String USAGE = """
            Usage: ./aleff backup [<file>] [options]
                   ./aleff restore <file> [--force] [options]
              backup   dumps the running platform's PostgreSQL database (every service's schema) into <file>, a
                       pg_dump custom-format archive (default <data-dir>/backups/aleff-<yyyyMMdd-HHmmss>.dump);
                       the platform must be running (./aleff run); an existing file is never overwritten
              restore  replaces the platform database with <file>'s; the platform must be stopped. It starts
                       PostgreSQL alone on the data directory, restores, and stops it; refuses to replace existing
                       platform data unless --force
              --data-dir <dir>        the platform's data directory (default <repo>/.aleff, or $ALEFF_DATA_DIR)
              --port-offset <n>       as given to ./aleff run
              --postgres-port <port>  as given to ./aleff run
            Needs pg_dump and pg_restore 14 or newer ($ALEFF_PG_BIN, /usr/lib/postgresql/<n>/bin or the PATH).""";

    private DataCommand() {
    }

    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        String command = args.length == 0 ? "help" : args[0];
        List<String> rest = new ArrayList<>(Arrays.asList(args).subList(Math.min(1, args.length), args.length));
        if (!List.of("backup", "restore").contains(command) || rest.contains("--help") || rest.contains("-h")) {
            System.out.println(USAGE);
            System.exit(command.equals("help") || rest.contains("--help") || rest.contains("-h") ? 0 : 2);
            return;
        }
        boolean force = rest.remove("--force");
        Optional<Path> file = Optional.empty();
        if (!rest.isEmpty() && !rest.getFirst().startsWith("--")) {
            file = Optional.of(Path.of(rest.removeFirst()));
        }
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(rest.toArray(String[]::new), System.getenv());
            if (command.equals("restore") && file.isEmpty()) {
                throw new IllegalArgumentException("restore needs the backup file");
            }
            if (command.equals("backup") && force) {
                throw new IllegalArgumentException("--force is for restore; a backup never overwrites a file");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("aleff " + command + ": " + e.getMessage() + "\n\n" + USAGE);
            System.exit(2);
            return;
        }
        try {
            PlatformSettings settings = options.toSettings(options.repoDir().orElseGet(RepoLocator::locate),
                    System.getenv());
            LocalBackup backup = new LocalBackup(settings, new Progress(System.out), System.getenv());
            if (command.equals("backup")) {
                backup.backup(file.orElseGet(backup::defaultFile));
            } else {
                backup.restore(file.orElseThrow(), force);
            }
        } catch (PlatformStartException e) {
            System.err.println("aleff " + command + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
