package ai.aleff.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import ai.aleff.contracts.database.ServiceDatabase;

/** The launcher's PostgreSQL asks every client for a password and gives each service its own ordinary roles. */
class LocalPostgresSecurityIT {

    @TempDir
    Path dataDir;

    @Test
    void everyConnectionNeedsThePasswordKeptInTheDataDirectory() throws Exception {
        // Given the launcher's PostgreSQL on a fresh data directory
        PlatformSettings settings = withoutOwnKeycloak();
        try (LocalPlatform platform = LocalPlatform.create(settings, Progress.silent())) {
            platform.startInfrastructure();
            DatabaseLogins logins = DatabaseLogins.in(dataDir);

            // Then the superuser's password is generated, kept only for the owner of the data directory
            Path file = logins.superuserPasswordFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(logins.superuserPassword()).isNotEqualTo("postgres").hasSizeGreaterThanOrEqualTo(32);
            // And no rule trusts anyone
            assertThat(authMethods(platform)).containsExactly("scram-sha-256");
            assertRefusedWithoutTheRightPassword(settings, PlatformSettings.DATABASE_USER);

            // And every service's roles log in with their own passwords and are ordinary roles
            for (String role : ServiceDatabase.allRoles()) {
                assertRefusedWithoutTheRightPassword(settings, role);
                try (Connection connection = DriverManager.getConnection(settings.jdbcUrl(), role,
                        logins.password(role));
                        Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("""
                                SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls
                                FROM pg_roles WHERE rolname = current_user""")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getBoolean(1)).as(role).isFalse();
                }
            }
        }
    }

    @Test
    void aClusterOfAnOlderLauncherThatTrustedEveryoneIsConvertedOnStart() throws Exception {
        // Given a cluster as the launcher used to create it: initdb -A trust, the superuser without a password
        PlatformSettings settings = withoutOwnKeycloak();
        DataLayout layout = new DataLayout(dataDir);
        layout.create();
        try (EmbeddedPostgres old = EmbeddedPostgres.builder().setDataDirectory(layout.postgres())
                .setCleanDataDirectory(false).setPort(settings.postgresPort()).start();
                Connection connection = old.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE aleff");
        }

        // When the launcher starts it
        try (LocalPlatform platform = LocalPlatform.create(settings, Progress.silent())) {
            platform.startInfrastructure();

            // Then it asks for passwords from now on, and the superuser has the one in the data directory
            assertThat(authMethods(platform)).containsExactly("scram-sha-256");
            assertRefusedWithoutTheRightPassword(settings, PlatformSettings.DATABASE_USER);
            DriverManager.getConnection(settings.jdbcUrl(), PlatformSettings.DATABASE_USER,
                    DatabaseLogins.in(dataDir).superuserPassword()).close();
        }
    }

    /**
     * Settings on free ports with the run's shared Keycloak: these tests are about PostgreSQL, and starting a Keycloak
     * of their own cost each of them about a minute and a half.
     */
    private PlatformSettings withoutOwnKeycloak() {
        return PlatformSettings.builder(RepoLocator.locate(), dataDir)
                .freePorts()
                .externalKeycloak(SharedKeycloak.ofRepository(RepoLocator.locate()).acquire().url())
                .build();
    }

    private static void assertRefusedWithoutTheRightPassword(PlatformSettings settings, String user) {
        assertThatThrownBy(() -> DriverManager.getConnection(settings.jdbcUrl(), user, null).close()).as(user)
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(settings.jdbcUrl(), user, "postgres").close()).as(user)
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
    }

    private static List<String> authMethods(LocalPlatform platform) throws SQLException {
        try (Connection connection = platform.postgres().connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT DISTINCT auth_method FROM pg_hba_file_rules")) {
            List<String> methods = new ArrayList<>();
            while (rows.next()) {
                methods.add(rows.getString(1));
            }
            return methods;
        }
    }
}
