package ai.aleff.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ai.aleff.contracts.database.ServiceDatabase;

/**
 * {@code ./aleff backup} / {@code restore} on the launcher's own PostgreSQL, with the services' real schemas (their
 * Flyway migrations from the repository, applied as each schema's owner) and rows in them: a tenant, a
 * conversation's messages and audit records survive the loss of the whole PostgreSQL cluster.
 */
class LocalBackupIT {

    @TempDir
    Path dataDir;

    @TempDir
    Path backups;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void aBackupOfTheRunningDatabaseRestoresEveryTenantConversationAndAuditRecordAfterTheClusterIsLost()
            throws Exception {
        // Given the platform's PostgreSQL with every service's schema migrated and a tenant, a conversation and its
        // audit records in it
        PlatformSettings settings = PlatformSettings.builder(RepoLocator.locate(), dataDir).freePorts().build();
        DataLayout layout = new DataLayout(dataDir);
        layout.create();
        LocalBackup backup = new LocalBackup(settings,
                new Progress(new PrintStream(output, true, StandardCharsets.UTF_8)), System.getenv());
        String tenant = UUID.randomUUID().toString();
        Path file = backups.resolve("nested/aleff.dump");
        List<String> before;
        try (PostgresNode postgres = PostgresNode.start(settings, layout)) {
            migrateEveryService(postgres);
            insertRows(postgres, tenant);
            before = snapshot(postgres, tenant);

            // When it is backed up while running
            backup.backup(file);

            // Then the archive exists, is the owner's alone, and a second backup to the same file is refused
            assertThat(Files.readAllBytes(file)).startsWith("PGDMP".getBytes(StandardCharsets.US_ASCII));
            assertThat(Files.getPosixFilePermissions(file).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
            assertThatThrownBy(() -> backup.backup(file)).hasMessageContaining("never overwrites");

            // And a restore while the platform runs is refused
            assertThatThrownBy(() -> backup.restore(file, true)).hasMessageContaining("The platform is running")
                    .hasMessageContaining("Stop ./aleff run");
        }
        assertThat(before).hasSize(5);

        // When the whole PostgreSQL cluster is lost, and the backup is restored into the stopped data directory
        deleteRecursively(layout.postgres());
        backup.restore(file, false);

        // Then the next start will have tenant-service publish every restored tenant again
        assertThat(layout.republishPending()).exists();

        // And every row is back, with the services' grants, and the progress said what happened
        try (PostgresNode postgres = PostgresNode.start(settings, layout)) {
            assertThat(snapshot(postgres, tenant)).isEqualTo(before);
            try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
                statement.execute("SET ROLE " + ServiceDatabase.AUDIT.loginRole());
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM audit.audit_record")) {
                    rows.next();
                }
                // And the audit trail is still append-only after the restore
                assertThatThrownBy(() -> statement.execute("DELETE FROM audit.audit_record"))
                        .isInstanceOf(SQLException.class);
            }
            // When more is written after the restore
            try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO tenant.tenants (id, name, status, version, created_at) VALUES ('"
                        + UUID.randomUUID() + "', 'after-backup', 'ACTIVE', 1, now())");
            }
        }
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("backup written to " + file.toAbsolutePath())
                .contains("restored " + file.toAbsolutePath());

        // Then restoring over that data is refused without --force, and with it the data is the backup's again
        assertThatThrownBy(() -> backup.restore(file, false)).hasMessageContaining("already holds platform data")
                .hasMessageContaining("--force");
        backup.restore(file, true);
        try (PostgresNode postgres = PostgresNode.start(settings, layout)) {
            assertThat(snapshot(postgres, tenant)).isEqualTo(before);
        }
    }

    @Test
    void backupWithoutARunningPlatformAndRestoreOfAMissingFileFailWithClearMessages() throws IOException {
        // Given a data directory whose platform is not running
        PlatformSettings settings = PlatformSettings.builder(RepoLocator.locate(), dataDir).freePorts().build();
        LocalBackup backup = new LocalBackup(settings, Progress.silent(), System.getenv());
        DatabaseLogins.in(dataDir).superuserPassword();

        // Then a backup says PostgreSQL is not running and how to start it
        assertThatThrownBy(() -> backup.backup(backups.resolve("x.dump")))
                .hasMessageContaining(
                        "The platform's PostgreSQL is not running on 127.0.0.1:" + settings.postgresPort())
                .hasMessageContaining("./aleff run");
        assertThat(backups.resolve("x.dump")).doesNotExist();

        // And a restore names the missing file, or the file that is no archive
        assertThatThrownBy(() -> backup.restore(backups.resolve("missing.dump"), true))
                .hasMessageContaining("No backup file at " + backups.resolve("missing.dump"));
        Path notAnArchive = Files.writeString(backups.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> backup.restore(notAnArchive, true))
                .hasMessageContaining("is not a pg_dump custom-format archive");
    }

    /** Each service's migrations, in version order, as its schema's owner: the tables the services really have. */
    private static void migrateEveryService(PostgresNode postgres) throws Exception {
        Path repo = RepoLocator.locate();
        for (ServiceDatabase service : ServiceDatabase.values()) {
            Path migrations = repo.resolve(service.service()).resolve("src/main/resources/db/migration");
            List<Path> files;
            try (Stream<Path> listed = Files.list(migrations)) {
                files = listed.filter(path -> path.getFileName().toString().matches("V\\d+__.*\\.sql"))
                        .sorted(Comparator.comparingInt(LocalBackupIT::version)).toList();
            }
            try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
                statement.execute("SET ROLE " + service.ownerRole());
                statement.execute("SET search_path TO " + service.schema());
                for (Path migration : files) {
                    statement.execute(Files.readString(migration));
                }
            }
        }
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    private static void insertRows(PostgresNode postgres, String tenant) throws SQLException {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO tenant.tenants (id, name, status, version, created_at) VALUES ('" + tenant
                    + "', 'acme', 'ACTIVE', 1, now())");
            statement.execute("""
                    INSERT INTO ingress.conversation_message
                        (tenant_id, conversation_id, message_id, direction, user_id, text, occurred_at)
                    VALUES ('%1$s', 'conv-1', 'm-1', 'INBOUND', 'user-1', 'hello', now()),
                           ('%1$s', 'conv-1', 'r-1', 'OUTBOUND', null, 'hi there', now())""".formatted(tenant));
            statement.execute("""
                    INSERT INTO audit.audit_record (record_id, tenant_id, conversation_id, service, action, occurred_at)
                    VALUES ('a-1', '%1$s', 'conv-1', 'channel-ingress', 'MESSAGE_RECEIVED', now()),
                           ('a-2', '%1$s', 'conv-1', 'agent-worker', 'REPLY_SENT', now())""".formatted(tenant));
        }
    }

    private static List<String> snapshot(PostgresNode postgres, String tenant) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            collect(statement, "SELECT id || ' ' || name || ' ' || status FROM tenant.tenants WHERE id = '" + tenant
                    + "'", rows);
            collect(statement, "SELECT message_id || ' ' || direction || ' ' || text FROM ingress.conversation_message"
                    + " WHERE tenant_id = '" + tenant + "' ORDER BY seq", rows);
            collect(statement, "SELECT record_id || ' ' || action FROM audit.audit_record WHERE tenant_id = '" + tenant
                    + "' ORDER BY record_id", rows);
        }
        return rows;
    }

    private static void collect(Statement statement, String query, List<String> rows) throws SQLException {
        try (ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
