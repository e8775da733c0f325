package ai.aleff.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import ai.aleff.contracts.database.DatabaseProvisioning;
import ai.aleff.contracts.database.ServiceDatabase;

/**
 * One real PostgreSQL server per test JVM (the binaries ship in a Maven artifact), on a random loopback port. Each
 * caller gets a database of its own, so test classes never see each other's rows. The port and the passwords are
 * shared through system properties, so the Quarkus class loader of every test profile reuses the same server.
 *
 * <p>
 * Like production, every connection authenticates with a password (scram-sha-256; initdb is told so, nothing is
 * trusted), and each service connects as its own role: {@link #datasource(String, ServiceDatabase)}. The superuser
 * ({@link #USER}, {@link #PASSWORD}) is for provisioning and for tests that inspect the database from outside.
 */
public final class PostgresServer {

    public static final String USER = "postgres";
    private static final String SHARED = "aleff.testkit.postgres.port";
    private static final String SHARED_PASSWORD = "aleff.testkit.postgres.password.";
    // Before PASSWORD: static fields are initialised in order and PASSWORD needs it.
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The superuser's password, generated for this test JVM. */
    public static final String PASSWORD = sharedPassword(USER);
    private static EmbeddedPostgres server;

    private PostgresServer() {
    }

    public static int port() {
        synchronized (System.class) {
            String shared = System.getProperty(SHARED);
            if (shared != null) {
                return Integer.parseInt(shared);
            }
            try {
                server = start();
                try (Connection admin = DriverManager.getConnection(jdbcUrl(server.getPort(), "postgres"), USER,
                        PASSWORD)) {
                    DatabaseProvisioning.provisionRoles(admin, PostgresServer::sharedPassword);
                }
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("Cannot start the test PostgreSQL server", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(PostgresServer::stop, "postgres-stop"));
            System.setProperty(SHARED, String.valueOf(server.getPort()));
            return server.getPort();
        }
    }

    private static EmbeddedPostgres start() throws IOException {
        // initdb reads the superuser's password from a file, which lives only until the server is up.
        Path passwordFile = Files.createTempFile("aleff-pg-", ".pw",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(passwordFile, PASSWORD + "\n");
            return EmbeddedPostgres.builder()
                    // Zonky passes "-A trust" to initdb; these come after it and win, for local and host lines.
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setConnectConfig("password", PASSWORD)
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .start();
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    /**
     * Creates a fresh database with every service's schema provisioned (owned by its owner role, its login role
     * granted the rows) and returns its name.
     */
    public static String createDatabase(String prefix) {
        int port = port();
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8) + "_"
                + ProcessHandle.current().pid())
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + " on port " + port, e);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl(name), USER, PASSWORD)) {
            DatabaseProvisioning.provisionSchemas(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot provision the schemas of database " + name, e);
        }
        return name;
    }

    /**
     * The data source and Flyway settings of {@code service} on {@code database}: its login role for queries, its
     * owner role for migrations.
     */
    public static Map<String, String> datasource(String database, ServiceDatabase service) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.reactive.url", reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", jdbcUrl(database));
        config.put("quarkus.datasource.username", service.loginRole());
        config.put("quarkus.datasource.password", password(service.loginRole()));
        config.put("quarkus.flyway.username", service.ownerRole());
        config.put("quarkus.flyway.password", password(service.ownerRole()));
        return config;
    }

    /** The password of one of the services' roles ({@link ServiceDatabase#loginRole()}, {@code ownerRole()}). */
    public static String password(String role) {
        port();
        return sharedPassword(role);
    }

    public static String jdbcUrl(String database) {
        return jdbcUrl(port(), database);
    }

    private static String jdbcUrl(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public static String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port() + "/" + database;
    }

    private static String sharedPassword(String role) {
        synchronized (System.class) {
            String key = SHARED_PASSWORD + role;
            String password = System.getProperty(key);
            if (password == null) {
                byte[] bytes = new byte[24];
                RANDOM.nextBytes(bytes);
                password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                System.setProperty(key, password);
            }
            return password;
        }
    }

    private static synchronized void stop() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                // The JVM is exiting anyway.
            }
            server = null;
        }
    }
}
