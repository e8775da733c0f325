package ai.aleff.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import ai.aleff.contracts.database.DatabaseProvisioning;

/**
 * PostgreSQL from the binaries Zonky ships in a Maven artifact, on a fixed loopback port, with its cluster in the
 * data directory so tenants and audit records survive a restart. Every connection needs a password
 * ({@link PostgresAuthentication}); at every start the services' roles and schemas are provisioned
 * ({@link DatabaseProvisioning}) with the passwords of {@link DatabaseLogins}.
 */
public final class PostgresNode implements AutoCloseable {

    private final EmbeddedPostgres server;

    private PostgresNode(EmbeddedPostgres server) {
        this.server = server;
    }

    public static PostgresNode start(PlatformSettings settings, DataLayout layout) {
        FreePort.requireFree(settings.postgresPort(), "PostgreSQL");
        DatabaseLogins logins = DatabaseLogins.in(layout.root());
        String password = logins.superuserPassword();
        EmbeddedPostgres server;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (!Files.exists(layout.postgres().resolve("postgresql.conf"))) {
                // A new cluster: Zonky passes "-A trust" to initdb; these come after it and win.
                builder.setLocaleConfig("auth", "scram-sha-256")
                        .setLocaleConfig("pwfile", logins.superuserPasswordFile().toString());
            }
            server = builder.setConnectConfig("password", password)
                    .setDataDirectory(layout.postgres())
                    .setCleanDataDirectory(false)
                    .setPort(settings.postgresPort())
                    // The launcher stops PostgreSQL itself, after the services and Kafka.
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(layout.log("postgres").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(layout.log("postgres").toFile()))
                    .start();
        } catch (IOException e) {
            throw new PlatformStartException("PostgreSQL did not start: " + e.getMessage() + "\n"
                    + LogTail.format(layout.log("postgres"), 40), e);
        }
        PostgresNode node = new PostgresNode(server);
        try {
            node.secure(layout, password);
            PostgresAuthentication.awaitPasswordRequired(
                    "jdbc:postgresql://127.0.0.1:" + settings.postgresPort() + "/postgres", Duration.ofSeconds(30));
            node.createDatabaseIfMissing(PlatformSettings.DATABASE);
            node.provision(logins);
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    public int port() {
        return server.getPort();
    }

    /** A connection to the platform database as the superuser, for tests and tools. */
    public Connection connect() throws SQLException {
        return server.getDatabase(PlatformSettings.DATABASE_USER, PlatformSettings.DATABASE).getConnection();
    }

    /** A connection to the maintenance database {@code postgres} as the superuser (to drop and create databases). */
    Connection connectMaintenance() throws SQLException {
        return server.getPostgresDatabase().getConnection();
    }

    /** Provisions the services' roles and schemas again, e.g. after a restore replaced the platform database. */
    void provisionAgain(DataLayout layout) {
        provision(DatabaseLogins.in(layout.root()));
    }

    private void secure(DataLayout layout, String password) {
        try (Connection connection = server.getPostgresDatabase().getConnection()) {
            PostgresAuthentication.enforce(connection, layout.postgres(), password);
        } catch (SQLException e) {
            throw new PlatformStartException("Cannot connect to PostgreSQL as " + PlatformSettings.DATABASE_USER
                    + " with the password in " + DatabaseLogins.in(layout.root()).superuserPasswordFile()
                    + ": " + e.getMessage(), e);
        }
    }

    private void provision(DatabaseLogins logins) {
        try (Connection cluster = server.getPostgresDatabase().getConnection();
                Connection platform = connect()) {
            DatabaseProvisioning.provisionRoles(cluster, logins::password);
            DatabaseProvisioning.provisionSchemas(platform);
        } catch (SQLException e) {
            throw new PlatformStartException("Cannot provision the services' database roles: " + e.getMessage(), e);
        }
    }

    private void createDatabaseIfMissing(String name) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                // The name is a constant of ours: identifiers cannot be bound as parameters.
                create.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new PlatformStartException("Cannot create the database '" + name + "': " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }
}
