package ai.aleff.contracts.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Creates the services' roles and schemas with administrative credentials, before any service starts: the test kit's
 * PostgreSQL, the launcher's, and (as SQL an operator runs, docs/security.md) production. Idempotent: it runs at every
 * start and brings an older database (schemas created by a superuser) to the same state.
 *
 * <p>
 * Identifiers and passwords never enter the SQL by concatenation: the server quotes them ({@code format('%I %L')}).
 */
public final class DatabaseProvisioning {

    private static final String ROLE_ATTRIBUTES = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS "
            + "INHERIT";

    private DatabaseProvisioning() {
    }

    /**
     * Creates or updates the login and owner role of every service (roles belong to the whole cluster), each with the
     * password {@code passwords} gives for its name.
     */
    public static void provisionRoles(Connection admin, Function<String, String> passwords) throws SQLException {
        for (String role : ServiceDatabase.allRoles()) {
            if (!roleExists(admin, role)) {
                execute(admin, quoted(admin, "CREATE ROLE %I " + ROLE_ATTRIBUTES, role));
            }
            execute(admin, quoted(admin, "ALTER ROLE %I " + ROLE_ATTRIBUTES + " PASSWORD %L", role,
                    passwords.apply(role)));
        }
    }

    /**
     * In the database {@code admin} is connected to: only the services' roles may connect, nobody may create objects
     * in {@code public}, and each service's schema is owned by its owner role, with its login role granted only the
     * row access of {@link ServiceDatabase#access()} on the schema's tables (those there now and those its migrations
     * create later).
     */
    public static void provisionSchemas(Connection admin) throws SQLException {
        String database = quoted(admin, "%I", currentDatabase(admin));
        execute(admin, "REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
        execute(admin, "GRANT CONNECT ON DATABASE " + database + " TO " + String.join(", ", roleList(admin)));
        execute(admin, "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        for (ServiceDatabase service : ServiceDatabase.values()) {
            String schema = quoted(admin, "%I", service.schema());
            String owner = quoted(admin, "%I", service.ownerRole());
            String login = quoted(admin, "%I", service.loginRole());
            execute(admin, "CREATE SCHEMA IF NOT EXISTS " + schema + " AUTHORIZATION " + owner);
            execute(admin, "ALTER SCHEMA " + schema + " OWNER TO " + owner);
            adoptObjects(admin, service);
            execute(admin, "REVOKE ALL ON SCHEMA " + schema + " FROM PUBLIC");
            execute(admin, "GRANT USAGE ON SCHEMA " + schema + " TO " + login);
            String rows = service.access().privileges();
            execute(admin, "ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA " + schema + " GRANT " + rows
                    + " ON TABLES TO " + login);
            execute(admin, "ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA " + schema
                    + " GRANT USAGE, SELECT ON SEQUENCES TO " + login);
            execute(admin, "GRANT " + rows + " ON ALL TABLES IN SCHEMA " + schema + " TO " + login);
            execute(admin, "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + login);
        }
    }

    /**
     * A schema migrated before the roles existed holds objects of the superuser: they move to the owner role, so the
     * next migration (run as the owner) can change them and the login role's grants apply.
     */
    private static void adoptObjects(Connection admin, ServiceDatabase service) throws SQLException {
        List<String> statements = new ArrayList<>();
        try (PreparedStatement query = admin.prepareStatement("""
                SELECT format('ALTER TABLE %I.%I OWNER TO %I', n.nspname, c.relname, ?)
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v') AND pg_get_userbyid(c.relowner) <> ?
                UNION ALL
                SELECT format('ALTER ROUTINE %s OWNER TO %I', p.oid::regprocedure, ?)
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = ? AND pg_get_userbyid(p.proowner) <> ?""")) {
            // Positional parameters, in reading order: owner, schema, owner, for tables and then for routines.
            query.setString(1, service.ownerRole());
            query.setString(2, service.schema());
            query.setString(3, service.ownerRole());
            query.setString(4, service.ownerRole());
            query.setString(5, service.schema());
            query.setString(6, service.ownerRole());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statements.add(rows.getString(1));
                }
            }
        }
        for (String statement : statements) {
            execute(admin, statement);
        }
    }

    private static List<String> roleList(Connection admin) throws SQLException {
        List<String> roles = new ArrayList<>();
        for (String role : ServiceDatabase.allRoles()) {
            roles.add(quoted(admin, "%I", role));
        }
        return roles;
    }

    private static boolean roleExists(Connection admin, String role) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            query.setString(1, role);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static String currentDatabase(Connection admin) throws SQLException {
        try (Statement statement = admin.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_database()")) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** {@code format(template, arguments...)} evaluated by the server, which quotes identifiers and literals. */
    private static String quoted(Connection admin, String template, String... arguments) throws SQLException {
        StringBuilder placeholders = new StringBuilder();
        for (int i = 0; i < arguments.length; i++) {
            placeholders.append(", ?");
        }
        try (PreparedStatement query = admin.prepareStatement("SELECT format(?" + placeholders + ")")) {
            query.setString(1, template);
            for (int i = 0; i < arguments.length; i++) {
                query.setString(i + 2, arguments[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    private static void execute(Connection admin, String sql) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }
}
