package ai.aleff.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Row-level security checks over a service's schema, read from the catalog as the superuser: a table that holds a
 * tenant column must have row security enabled and at least one policy, unless the service names it as cross-tenant
 * (the outbox, which no tenant reads).
 */
public final class RowSecurity {

    private RowSecurity() {
    }

    /**
     * The tables of {@code schema} with a column {@code tenantColumn} but without row security or without a policy,
     * apart from {@code crossTenant}.
     */
    public static List<String> unprotectedTenantTables(String jdbcUrl, String schema, String tenantColumn,
            Set<String> crossTenant) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, PostgresServer.USER,
                PostgresServer.PASSWORD); PreparedStatement query = connection.prepareStatement("""
                        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = ? AND c.relkind IN ('r', 'p')
                          AND EXISTS (SELECT 1 FROM pg_attribute a
                                      WHERE a.attrelid = c.oid AND a.attname = ? AND NOT a.attisdropped)
                          AND NOT (c.relrowsecurity AND EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))
                        ORDER BY c.relname""")) {
            query.setString(1, schema);
            query.setString(2, tenantColumn);
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (!crossTenant.contains(rows.getString(1))) {
                        tables.add(rows.getString(1));
                    }
                }
            }
            return tables;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the row security of schema " + schema, e);
        }
    }

    /** The tables of {@code schema} that hold a column {@code tenantColumn}. */
    public static List<String> tenantTables(String jdbcUrl, String schema, String tenantColumn) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, PostgresServer.USER,
                PostgresServer.PASSWORD); PreparedStatement query = connection.prepareStatement("""
                        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = ? AND NOT a.attisdropped
                        WHERE n.nspname = ? AND c.relkind IN ('r', 'p') ORDER BY c.relname""")) {
            query.setString(1, tenantColumn);
            query.setString(2, schema);
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            return tables;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot list the tables of schema " + schema, e);
        }
    }
}
