package ai.aleff.audit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.audit.repository.AuditRecordRepository;
import ai.aleff.audit.repository.DeletedTenantRepository;
import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.platform.database.RowScope;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.PostgresServer;

/**
 * A deleted tenant's audit trail is kept for the retention (at least 30 days, whatever the service asks) and purged
 * after it; time passing is simulated by moving the dates back as the superuser, with the triggers off.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class DeletedTenantRetentionIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Inject
    Pool pool;
    @Inject
    AuditRecordRepository records;
    @Inject
    DeletedTenantRepository deletedTenants;
    @Inject
    DeletedTenantRetention retention;

    @Test
    void aDeletedTenantsRecordsAreKeptWithinTheRetentionThenPurgedAndNoOtherTenantsAre() throws SQLException {
        // Given two tenants with two audit records each, and the first one deleted
        String deleted = tenantWithRecords();
        String kept = tenantWithRecords();
        Events.publish(bootstrap, CloudEvent.of("tenant-service", UUID.randomUUID().toString(), deleted, null,
                Instant.now(), new TenantConfigurationChanged(deleted, "Deleted",
                        TenantConfigurationChanged.Status.DELETED, List.of(), 2, Instant.now())));
        await().atMost(WAIT).until(() -> marked(deleted));

        // When the purge runs right after the deletion, Then the deleted tenant's records are kept
        retention.purge().await().atMost(WAIT);
        assertThat(recordCount(deleted)).isEqualTo(2);

        // When 31 days have passed, Then the purge removes them, notes it, and leaves the other tenant's records
        age(deleted, "31 days", true);
        assertThat(retention.purge().await().atMost(WAIT)).isGreaterThanOrEqualTo(2);
        assertThat(recordCount(deleted)).isZero();
        assertThat(recordCount(kept)).isEqualTo(2);
        assertThat(superuserLong("SELECT purged_records FROM audit.deleted_tenant WHERE tenant_id = ?", deleted))
                .isEqualTo(2);
    }

    @Test
    void theDatabaseKeepsThirtyDaysWhateverRetentionTheServiceAsksFor() throws SQLException {
        // Given a tenant deleted 29 days ago
        String tenant = tenantWithRecords();
        deletedTenants.markDeleted(tenant).await().atMost(WAIT);
        age(tenant, "29 days", true);

        // When the service asks for a purge with no retention at all, Then its records are kept
        deletedTenants.purge(Duration.ZERO).await().atMost(WAIT);
        assertThat(recordCount(tenant)).isEqualTo(2);
    }

    @Test
    void aTenantStillWritingRecordsLongAfterItsDeletionIsNotPurged() throws SQLException {
        // Given a tenant marked deleted 31 days ago whose records were all stored now (so it is not really gone)
        String tenant = tenantWithRecords();
        deletedTenants.markDeleted(tenant).await().atMost(WAIT);
        age(tenant, "31 days", false);

        // When the purge runs, Then its records are kept
        retention.purge().await().atMost(WAIT);
        assertThat(recordCount(tenant)).isEqualTo(2);
    }

    @Test
    void theServicesRoleCanNeitherBackdateADeletionNorDeleteRecordsItself() throws SQLException {
        // Given a tenant with records
        String tenant = tenantWithRecords();

        // When the service's role marks it deleted with a date 60 days back, Then the database dates it now
        RowScope.inTenant(pool, tenant, tx -> tx.preparedQuery(
                "INSERT INTO audit.deleted_tenant (tenant_id, deleted_at) VALUES ($1, now() - interval '60 days')")
                .execute(Tuple.of(tenant)))
                .await()
                .atMost(WAIT);
        assertThat(superuserLong("SELECT extract(epoch FROM now() - deleted_at)::bigint FROM audit.deleted_tenant "
                + "WHERE tenant_id = ?", tenant)).isLessThan(600);

        // And when it sets the purge's setting and deletes, or redates the mark, Then it is refused
        for (String sql : List.of("DELETE FROM audit.audit_record WHERE tenant_id = $1",
                "UPDATE audit.deleted_tenant SET deleted_at = now() - interval '60 days' WHERE tenant_id = $1",
                "DELETE FROM audit.deleted_tenant WHERE tenant_id = $1")) {
            assertThatThrownBy(() -> RowScope.inTenant(pool, tenant, tx -> tx
                    .preparedQuery("SELECT set_config('audit.purging_tenant', $1, true)")
                    .execute(Tuple.of(tenant))
                    .chain(() -> tx.preparedQuery(sql).execute(Tuple.of(tenant))))
                    .await()
                    .atMost(WAIT)).as(sql).hasMessageContaining("permission denied");
        }
        assertThat(recordCount(tenant)).isEqualTo(2);
    }

    private String tenantWithRecords() {
        String tenant = "t-" + UUID.randomUUID();
        String conversation = "c-" + UUID.randomUUID();
        records.insertAll(List.of(
                new AuditRecord("r-" + UUID.randomUUID(), tenant, conversation, "agent-worker", "message.accepted",
                        "s-1", "first", Instant.now()),
                new AuditRecord("r-" + UUID.randomUUID(), tenant, conversation, "agent-worker", "reply.sent", "s-1",
                        "second", Instant.now())))
                .await()
                .atMost(WAIT);
        return tenant;
    }

    private boolean marked(String tenant) throws SQLException {
        return superuserLong("SELECT count(*) FROM audit.deleted_tenant WHERE tenant_id = ?", tenant) == 1;
    }

    private long recordCount(String tenant) throws SQLException {
        return superuserLong("SELECT count(*) FROM audit.audit_record WHERE tenant_id = ?", tenant);
    }

    /** Moves the tenant's deletion (and, with {@code records}, its records) back in time, triggers off. */
    private void age(String tenant, String interval, boolean records) throws SQLException {
        try (Connection c = superuser()) {
            c.createStatement().execute("SET session_replication_role = replica");
            update(c, "UPDATE audit.deleted_tenant SET deleted_at = now() - ?::interval WHERE tenant_id = ?", interval,
                    tenant);
            if (records) {
                update(c, "UPDATE audit.audit_record SET stored_at = now() - ?::interval WHERE tenant_id = ?",
                        interval, tenant);
            }
        }
    }

    private static void update(Connection c, String sql, String interval, String tenant) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setString(1, interval);
            statement.setString(2, tenant);
            statement.executeUpdate();
        }
    }

    private long superuserLong(String sql, String tenant) throws SQLException {
        try (Connection c = superuser(); PreparedStatement query = c.prepareStatement(sql)) {
            query.setString(1, tenant);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private Connection superuser() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, PostgresServer.USER, PostgresServer.PASSWORD);
    }
}
