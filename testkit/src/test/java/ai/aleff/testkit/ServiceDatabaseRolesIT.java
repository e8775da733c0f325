package ai.aleff.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aleff.contracts.database.ServiceDatabase;

/**
 * The test kit's PostgreSQL is set up like production: every connection needs a password, and each service has a
 * login role limited to the rows of its own schema and an owner role for its migrations.
 */
class ServiceDatabaseRolesIT {

    private final String database = PostgresServer.createDatabase("roles");

    @Test
    void everyConnectionNeedsTheRightPasswordAndNothingIsTrusted() throws SQLException {
        // Given the test kit's server; When a client connects without a password or with a wrong one
        // Then it is refused, as the superuser and as a service role
        for (String user : List.of(PostgresServer.USER, ServiceDatabase.AUDIT.loginRole())) {
            assertThatThrownBy(() -> DriverManager.getConnection(PostgresServer.jdbcUrl(database), user, null).close())
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> DriverManager.getConnection(PostgresServer.jdbcUrl(database), user, "postgres")
                    .close()).isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        }
        // And every rule of pg_hba.conf asks for a scram-sha-256 password
        try (Connection admin = admin();
                Statement statement = admin.createStatement();
                ResultSet rows = statement.executeQuery("SELECT DISTINCT auth_method FROM pg_hba_file_rules")) {
            List<String> methods = new ArrayList<>();
            while (rows.next()) {
                methods.add(rows.getString(1));
            }
            assertThat(methods).containsExactly("scram-sha-256");
        }
        assertThat(PostgresServer.PASSWORD).isNotEqualTo("postgres").hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void serviceRolesAreOrdinaryRolesWithoutAdministrativeAttributes() throws SQLException {
        // Given every service's two roles; When their attributes are read
        try (Connection admin = admin();
                Statement statement = admin.createStatement();
                ResultSet rows = statement.executeQuery("""
                        SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls, rolreplication, rolcanlogin
                        FROM pg_roles WHERE rolname LIKE 'aleff\\_%' ORDER BY rolname""")) {
            List<String> roles = new ArrayList<>();
            while (rows.next()) {
                roles.add(rows.getString(1));
                // Then none is a superuser, creates roles or databases, bypasses row security or replicates
                for (int column = 2; column <= 6; column++) {
                    assertThat(rows.getBoolean(column)).as(rows.getString(1) + " column " + column).isFalse();
                }
                assertThat(rows.getBoolean(7)).isTrue();
            }
            assertThat(roles).containsExactlyInAnyOrderElementsOf(ServiceDatabase.allRoles());
        }
    }

    @Test
    void aServiceReadsAndWritesOnlyItsOwnSchemaAndOnlyItsOwnerChangesIt() throws SQLException {
        // Given each service's schema with a table its owner (the migrations) created
        for (ServiceDatabase service : ServiceDatabase.values()) {
            try (Connection owner = connect(service.ownerRole()); Statement statement = owner.createStatement()) {
                statement.execute("CREATE TABLE " + service.schema() + ".probe (tenant_id text, note text)");
            }
        }
        for (ServiceDatabase service : ServiceDatabase.values()) {
            try (Connection login = connect(service.loginRole()); Statement statement = login.createStatement()) {
                // When the service's login role uses its own table, Then it can add and read rows
                statement.execute("INSERT INTO " + service.schema() + ".probe VALUES ('t1', 'mine')");
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + service.schema() + ".probe")) {
                    rows.next();
                    assertThat(rows.getInt(1)).isEqualTo(1);
                }
                // But it cannot create, alter or drop anything, in its schema or in public
                assertRefused(statement, "CREATE TABLE " + service.schema() + ".extra (id int)");
                assertRefused(statement, "ALTER TABLE " + service.schema() + ".probe ADD COLUMN x int");
                assertRefused(statement, "DROP TABLE " + service.schema() + ".probe");
                assertRefused(statement, "CREATE TABLE public.extra (id int)");
                assertRefused(statement, "CREATE SCHEMA extra");
                // And no other service's schema is readable or writable
                for (ServiceDatabase other : ServiceDatabase.values()) {
                    if (other != service) {
                        assertRefused(statement, "SELECT * FROM " + other.schema() + ".probe");
                        assertRefused(statement, "INSERT INTO " + other.schema() + ".probe VALUES ('t1', 'theirs')");
                    }
                }
            }
        }
    }

    @Test
    void theAuditTrailsLoginRoleCanOnlyAddAndReadRows() throws SQLException {
        // Given a table in the audit schema with a row
        try (Connection owner = connect(ServiceDatabase.AUDIT.ownerRole());
                Statement statement = owner.createStatement()) {
            statement.execute("CREATE TABLE audit.trail (id int)");
        }
        try (Connection login = connect(ServiceDatabase.AUDIT.loginRole());
                Statement statement = login.createStatement()) {
            statement.execute("INSERT INTO audit.trail VALUES (1)");
            // When audit-service's login role tries to rewrite or empty it, Then it is refused
            assertRefused(statement, "UPDATE audit.trail SET id = 2");
            assertRefused(statement, "DELETE FROM audit.trail");
            assertRefused(statement, "TRUNCATE audit.trail");
        }
    }

    private static void assertRefused(Statement statement, String sql) {
        assertThatThrownBy(() -> statement.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("permission denied", "must be owner"));
    }

    private Connection connect(String role) throws SQLException {
        return DriverManager.getConnection(PostgresServer.jdbcUrl(database), role, PostgresServer.password(role));
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection(PostgresServer.jdbcUrl(database), PostgresServer.USER,
                PostgresServer.PASSWORD);
    }
}
