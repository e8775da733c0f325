package ai.aleff.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Password authentication for every connection to the launcher's PostgreSQL: {@code pg_hba.conf} allows only
 * scram-sha-256, and the superuser has the password of the data directory. A cluster created by an older launcher
 * (everything trusted, no password) is converted on its first start.
 */
final class PostgresAuthentication {

    static final String PG_HBA = """
            # Written by the AleffAI launcher at every start: a password (scram-sha-256) for every connection.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            local   all       all                 scram-sha-256
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;

    private PostgresAuthentication() {
    }

    /** Sets the superuser's password, writes {@link #PG_HBA} and makes the running server read it. */
    static void enforce(Connection superuser, Path clusterDirectory, String password) throws SQLException {
        try (PreparedStatement quote = superuser.prepareStatement("SELECT format('ALTER ROLE %I PASSWORD %L', ?, ?)")) {
            quote.setString(1, PlatformSettings.DATABASE_USER);
            quote.setString(2, password);
            try (ResultSet rows = quote.executeQuery(); Statement alter = superuser.createStatement()) {
                rows.next();
                alter.execute(rows.getString(1));
            }
        }
        Path hba = clusterDirectory.resolve("pg_hba.conf");
        try {
            if (!Files.exists(hba) || !Files.readString(hba).equals(PG_HBA)) {
                Files.writeString(hba, PG_HBA);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + hba, e);
        }
        try (Statement reload = superuser.createStatement()) {
            reload.execute("SELECT pg_reload_conf()");
        }
    }

    /**
     * Waits until the server applies the new rules (it reloads them on a signal, asynchronously): a connection without
     * a password is refused.
     */
    static void awaitPasswordRequired(String jdbcUrl, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection ignored = DriverManager.getConnection(jdbcUrl, PlatformSettings.DATABASE_USER, null)) {
                if (System.nanoTime() > deadline) {
                    throw new PlatformStartException("PostgreSQL still accepts connections without a password after "
                            + timeout.toSeconds() + " s; check pg_hba.conf in the data directory");
                }
            } catch (SQLException refused) {
                return;
            }
            try {
                Pause.briefly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformStartException("Interrupted while PostgreSQL reloaded its configuration", e);
            }
        }
    }
}
