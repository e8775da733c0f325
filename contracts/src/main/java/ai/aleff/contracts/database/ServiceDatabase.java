package ai.aleff.contracts.database;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The PostgreSQL schema each service owns and the two roles it has there: a login role the service runs as, which
 * can only read and write the schema's rows, and an owner role its Flyway migrations run as, which owns the schema and
 * every object in it. The service never runs its queries as the owner, so it cannot change a table, a policy or a
 * trigger (the audit trail's append-only trigger), and neither role can see another service's schema.
 */
public enum ServiceDatabase {

    TENANT("tenant-service", "tenant", RowAccess.READ_WRITE), INGRESS("channel-ingress", "ingress",
            RowAccess.READ_WRITE), AGENT("agent-worker", "agent", RowAccess.READ_WRITE), TOOLS("tool-executor",
                    "tools", RowAccess.READ_WRITE), AUDIT("audit-service", "audit", RowAccess.APPEND_ONLY);

    /** What the login role may do with the rows of its schema's tables. */
    public enum RowAccess {
        READ_WRITE("SELECT, INSERT, UPDATE, DELETE"),
        /** Read and add rows; no UPDATE, DELETE or TRUNCATE (the audit trail). */
        APPEND_ONLY("SELECT, INSERT");

        private final String privileges;

        RowAccess(String privileges) {
            this.privileges = privileges;
        }

        /** The privileges as SQL lists them in a GRANT. */
        public String privileges() {
            return privileges;
        }
    }

    private final String service;
    private final String schema;
    private final RowAccess access;

    ServiceDatabase(String service, String schema, RowAccess access) {
        this.service = service;
        this.schema = schema;
        this.access = access;
    }

    /** The service's name ({@code quarkus.application.name}, the module name). */
    public String service() {
        return service;
    }

    public String schema() {
        return schema;
    }

    public RowAccess access() {
        return access;
    }

    /** The role the service's data source logs in as ({@code quarkus.datasource.username}). */
    public String loginRole() {
        return "aleff_" + schema;
    }

    /** The role that owns the schema, which Flyway logs in as ({@code quarkus.flyway.username}). */
    public String ownerRole() {
        return "aleff_" + schema + "_owner";
    }

    /** Both roles of every service. */
    public static List<String> allRoles() {
        return Arrays.stream(values()).flatMap(s -> Stream.of(s.loginRole(), s.ownerRole())).toList();
    }

    public static ServiceDatabase bySchema(String schema) {
        for (ServiceDatabase database : values()) {
            if (database.schema.equals(schema)) {
                return database;
            }
        }
        throw new IllegalArgumentException("No service owns the schema '" + schema + "'");
    }

    public static ServiceDatabase byService(String service) {
        for (ServiceDatabase database : values()) {
            if (database.service.equals(service)) {
                return database;
            }
        }
        throw new IllegalArgumentException("Unknown service '" + service + "'");
    }
}
