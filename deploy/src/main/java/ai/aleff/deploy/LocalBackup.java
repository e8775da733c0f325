package ai.aleff.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import ai.aleff.contracts.database.ServiceDatabase;

/**
 * {@code ./aleff backup} and {@code ./aleff restore}: the platform database (every service's schema: tenants, keys,
 * assistant configuration, conversations, turns, tool calls, memory, audit) as one {@code pg_dump} custom-format
 * archive. A backup reads the running platform (pg_dump sees one consistent snapshot while the services write). A
 * restore needs the platform stopped: it starts PostgreSQL on the data directory alone, replaces the database, and
 * stops it again, so no service writes while it happens.
 */
public final class LocalBackup {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    private static final byte[] ARCHIVE_MAGIC = {'P', 'G', 'D', 'M', 'P'};

    private final PlatformSettings settings;
    private final DataLayout layout;
    private final Progress progress;
    private final Map<String, String> environment;

    public LocalBackup(PlatformSettings settings, Progress progress, Map<String, String> environment) {
        this.settings = settings;
        this.layout = new DataLayout(settings.dataDir());
        this.progress = progress;
        this.environment = Map.copyOf(environment);
    }

    /** Where a backup goes when no file is named: a timestamped file under {@code <data>/backups}. */
    public Path defaultFile() {
        return layout.root().resolve("backups").resolve("aleff-" + LocalDateTime.now().format(STAMP) + ".dump");
    }

    /** Dumps the running platform's database into {@code file} (which must not exist yet) and returns it. */
    public Path backup(Path file) {
        if (Files.exists(file)) {
            throw new PlatformStartException(file + " already exists; a backup never overwrites a file, name another");
        }
        String password = superuserPassword();
        PostgresTools tools = PostgresTools.locate(environment);
        int tables;
        try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), PlatformSettings.DATABASE_USER,
                password)) {
            tables = serviceTables(connection);
        } catch (SQLException e) {
            throw new PlatformStartException("The platform's PostgreSQL is not running on 127.0.0.1:"
                    + settings.postgresPort() + " (data directory " + layout.root() + "): start it with ./aleff run"
                    + " (and the same --data-dir / --port-offset), then back up. (" + e.getMessage() + ")", e);
        }
        progress.line("PostgreSQL on 127.0.0.1:" + settings.postgresPort() + ", database " + PlatformSettings.DATABASE
                + ": " + tables + " tables in the services' schemas");
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        progress.step("backup written to " + file.toAbsolutePath(), () -> {
            createParent(file);
            PostgresTools.run(List.of(tools.pgDump().toString(), "--format=custom", "--host=127.0.0.1",
                    "--port=" + settings.postgresPort(), "--username=" + PlatformSettings.DATABASE_USER,
                    "--dbname=" + PlatformSettings.DATABASE, "--file=" + partial), password, "pg_dump");
            try {
                // Rows hold password hashes and encrypted keys: owner only, like the data directory's secrets.
                restrict(partial);
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new PlatformStartException("Cannot write " + file + ": " + e.getMessage(), e);
            }
        });
        progress.line(String.format(Locale.ROOT, "%.1f KiB; restore with ./aleff restore %s (platform stopped)",
                size(file) / 1024.0, file));
        return file;
    }

    /**
     * Replaces the platform database of the stopped data directory with the archive's. Refuses when the platform is
     * running, and when the data directory holds platform data unless {@code force}.
     */
    public void restore(Path file, boolean force) {
        requireArchive(file);
        PostgresTools tools = PostgresTools.locate(environment);
        requireStopped();
        layout.create();
        PostgresNode node = progress.step("PostgreSQL started alone on " + layout.postgres(),
                () -> PostgresNode.start(settings, layout));
        try {
            int existing;
            try (Connection connection = node.connect()) {
                existing = serviceTables(connection);
            }
            if (existing > 0 && !force) {
                throw new PlatformStartException(layout.root() + " already holds platform data (" + existing
                        + " tables). A restore replaces all of it: run again with --force to do that.");
            }
            progress.step("database " + PlatformSettings.DATABASE + " emptied", () -> recreateDatabase(node));
            progress.step("restored " + file.toAbsolutePath(), () -> PostgresTools.run(List.of(
                    tools.pgRestore().toString(), "--exit-on-error", "--single-transaction", "--host=127.0.0.1",
                    "--port=" + settings.postgresPort(), "--username=" + PlatformSettings.DATABASE_USER,
                    "--dbname=" + PlatformSettings.DATABASE, file.toString()), superuserPassword(), "pg_restore"));
            node.provisionAgain(layout);
            RestoredTenants.markRestored(layout);
            try (Connection connection = node.connect()) {
                progress.line(serviceTables(connection) + " tables in the services' schemas; start the platform with"
                        + " ./aleff run (its tenant-service publishes every restored tenant again before it is"
                        + " ready)");
            }
        } catch (SQLException e) {
            throw new PlatformStartException("Restore failed: " + e.getMessage(), e);
        } finally {
            node.close();
        }
    }

    private void requireArchive(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new PlatformStartException("No backup file at " + file.toAbsolutePath());
        }
        try (InputStream in = Files.newInputStream(file)) {
            if (!Arrays.equals(in.readNBytes(ARCHIVE_MAGIC.length), ARCHIVE_MAGIC)) {
                throw new PlatformStartException(file + " is not a pg_dump custom-format archive (./aleff backup)");
            }
        } catch (IOException e) {
            throw new PlatformStartException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The platform must be down: its port free and no live postmaster on the data directory. */
    private void requireStopped() {
        Optional<Long> postmaster = postmasterPid().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                .orElse(false));
        if (postmaster.isPresent() || !FreePort.isFree(settings.postgresPort())) {
            throw new PlatformStartException("The platform is running (PostgreSQL "
                    + postmaster.map(pid -> "pid " + pid + " on " + layout.postgres())
                            .orElse("port " + settings.postgresPort() + " in use")
                    + "). Stop ./aleff run (Ctrl-C) first: a restore replaces the database of a stopped data"
                    + " directory, so that no service writes during it.");
        }
    }

    private Optional<Long> postmasterPid() {
        Path pidFile = layout.postgres().resolve("postmaster.pid");
        try {
            return Files.exists(pidFile)
                    ? Files.readAllLines(pidFile).stream().findFirst().map(String::strip).map(Long::parseLong)
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String superuserPassword() {
        DatabaseLogins logins = DatabaseLogins.in(layout.root());
        if (!Files.exists(logins.superuserPasswordFile())) {
            throw new PlatformStartException("No platform data in " + layout.root() + " (no "
                    + logins.superuserPasswordFile() + "): is --data-dir right?");
        }
        return logins.superuserPassword();
    }

    private static void recreateDatabase(PostgresNode node) {
        try (Connection connection = node.connectMaintenance(); Statement statement = connection.createStatement()) {
            // The name is a constant of ours: identifiers cannot be bound as parameters.
            statement.execute("DROP DATABASE IF EXISTS " + PlatformSettings.DATABASE + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + PlatformSettings.DATABASE);
        } catch (SQLException e) {
            throw new PlatformStartException("Cannot replace the database: " + e.getMessage(), e);
        }
    }

    private static int serviceTables(Connection connection) throws SQLException {
        String schemas = Arrays.stream(ServiceDatabase.values()).map(s -> "'" + s.schema() + "'")
                .collect(Collectors.joining(", "));
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM information_schema.tables"
                        + " WHERE table_type = 'BASE TABLE' AND table_schema IN (" + schemas + ")")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void createParent(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new PlatformStartException("Cannot create the directory of " + file + ": " + e.getMessage(), e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the file keeps its directory's permissions.
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
