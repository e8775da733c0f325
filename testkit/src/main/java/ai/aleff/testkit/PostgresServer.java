package ai.aleff.testkit;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server per test JVM (the binaries ship in a Maven artifact), on a random loopback port. Each
 * caller gets a database of its own, so test classes never see each other's rows. The port is shared through a system
 * property, so the Quarkus class loader of every test profile reuses the same server.
 */
public final class PostgresServer {

    public static final String USER = "postgres";
    public static final String PASSWORD = "postgres";
    private static EmbeddedPostgres server;

    private PostgresServer() {
    }

    private static final String SHARED = "aleff.testkit.postgres.port";

    public static int port() {
        synchronized (System.class) {
            String shared = System.getProperty(SHARED);
            if (shared != null) {
                return Integer.parseInt(shared);
            }
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "300")
                        .start();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot start the test PostgreSQL server", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(PostgresServer::stop, "postgres-stop"));
            System.setProperty(SHARED, String.valueOf(server.getPort()));
            return server.getPort();
        }
    }

    /** Creates a fresh, empty database and returns its name. */
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
        return name;
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public static String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port() + "/" + database;
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
