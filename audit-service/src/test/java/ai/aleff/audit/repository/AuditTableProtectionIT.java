package ai.aleff.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

import ai.aleff.contracts.database.ServiceDatabase;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.PostgresServer;

/** The audit trail stays append-only against audit-service's own database role and against the table's owner. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class AuditTableProtectionIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AuditRecordRepository repository;

    @Inject
    Pool pool;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void theServicesRoleCanNeitherRewriteNorEmptyTheTrailNorTouchItsTriggers() {
        // Given a stored record, and the service's own connection pool
        AuditRecord record = storedRecord();
        assertThat(pool.query("SELECT current_user").execute().await().atMost(WAIT).iterator().next().getString(0))
                .isEqualTo(ServiceDatabase.AUDIT.loginRole());

        // When the service's role tries to change, empty or unprotect the table, Then every attempt is refused
        for (String sql : List.of("UPDATE audit.audit_record SET detail = 'rewritten'",
                "DELETE FROM audit.audit_record",
                "TRUNCATE audit.audit_record",
                "ALTER TABLE audit.audit_record DISABLE TRIGGER audit_record_append_only",
                "ALTER TABLE audit.audit_record DISABLE TRIGGER ALL",
                "DROP TRIGGER audit_record_append_only ON audit.audit_record",
                "DROP TRIGGER audit_record_no_truncate ON audit.audit_record",
                "CREATE OR REPLACE FUNCTION audit.forbid_audit_change() RETURNS trigger LANGUAGE plpgsql AS "
                        + "$$ BEGIN RETURN NULL; END; $$",
                "DROP TABLE audit.audit_record")) {
            assertThatThrownBy(() -> pool.query(sql).execute().await().atMost(WAIT)).as(sql)
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("permission denied", "must be owner"));
        }

        // And the record is still there, unchanged
        assertThat(repository.findByConversation(record.tenantId(), record.conversationId(), 10).await().atMost(WAIT))
                .extracting(StoredAuditRecord::detail).containsExactly("original");
    }

    @Test
    void theTriggersStopEvenTheTablesOwnerFromTruncatingUpdatingOrDeleting() throws SQLException {
        // Given a stored record and a connection as the owner of the table (the role migrations run as)
        AuditRecord record = storedRecord();
        String owner = ServiceDatabase.AUDIT.ownerRole();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, owner, PostgresServer.password(owner));
                Statement statement = connection.createStatement()) {
            // When it truncates, updates or deletes, Then the append-only triggers refuse
            for (String sql : List.of("TRUNCATE audit.audit_record", "UPDATE audit.audit_record SET detail = 'x'",
                    "DELETE FROM audit.audit_record")) {
                assertThatThrownBy(() -> statement.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                        .hasMessageContaining("append-only");
            }
        }

        // And the record is still there
        assertThat(repository.findByConversation(record.tenantId(), record.conversationId(), 10).await().atMost(WAIT))
                .hasSize(1);
    }

    private AuditRecord storedRecord() {
        AuditRecord record = new AuditRecord("r-" + UUID.randomUUID(), "t-" + UUID.randomUUID(),
                "c-" + UUID.randomUUID(), "agent-worker", "message.accepted", "s-1", "original", Instant.now());
        repository.insertAll(List.of(record)).await().atMost(WAIT);
        return record;
    }
}
