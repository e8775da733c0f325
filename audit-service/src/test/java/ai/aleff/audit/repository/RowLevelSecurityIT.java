package ai.aleff.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

import ai.aleff.contracts.events.AuditRecord;
import ai.aleff.platform.database.RowScope;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.RowSecurity;

/** Row-level security on the audit trail: a transaction reads its own tenant's records, or none. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class RowLevelSecurityIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Inject
    AuditRecordRepository repository;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void theAuditTableHasRowSecurity() {
        assertThat(RowSecurity.tenantTables(jdbcUrl, "audit", "tenant_id")).containsExactly("audit_record",
                "deleted_tenant");
        assertThat(RowSecurity.unprotectedTenantTables(jdbcUrl, "audit", "tenant_id", Set.of())).isEmpty();
    }

    @Test
    void aTransactionReadsOnlyTheRecordsOfItsTenantAndNoneWithoutOne() {
        // Given records of two tenants, stored in one batch as the consumer does
        String a = "tenant-a-" + UUID.randomUUID();
        String b = "tenant-b-" + UUID.randomUUID();
        repository.insertAll(List.of(record(a), record(b))).await().atMost(WAIT);

        // When a query without a tenant filter runs in tenant A's transaction, Then it sees only A's records
        assertThat(RowScope.inTenant(pool, a, RowLevelSecurityIT::tenants).await().atMost(WAIT)).containsOnly(a);
        // And without a tenant it sees nothing; a cross-tenant job sees both
        assertThat(tenants(pool).await().atMost(WAIT)).isEmpty();
        assertThat(RowScope.acrossTenants(pool, RowLevelSecurityIT::tenants).await().atMost(WAIT)).contains(a, b);

        // And a transaction without a tenant cannot add a record, nor A's transaction one of B
        assertThatThrownBy(() -> insert(pool, record(b)).await().atMost(WAIT))
                .hasMessageContaining("row-level security");
        assertThatThrownBy(() -> RowScope.inTenant(pool, a, tx -> insert(tx, record(b))).await().atMost(WAIT))
                .hasMessageContaining("row-level security");
    }

    private static Uni<List<String>> tenants(SqlClient client) {
        return client.query("SELECT DISTINCT tenant_id FROM audit.audit_record").execute().map(rows -> {
            List<String> tenants = new ArrayList<>();
            rows.forEach(row -> tenants.add(row.getString(0)));
            return tenants;
        });
    }

    private static Uni<Void> insert(SqlClient client, AuditRecord r) {
        return client.query("INSERT INTO audit.audit_record (record_id, tenant_id, service, action, occurred_at) "
                + "VALUES ('" + r.recordId() + "', '" + r.tenantId() + "', 'svc', 'forged', now())").execute()
                .replaceWithVoid();
    }

    private static AuditRecord record(String tenant) {
        return new AuditRecord("r-" + UUID.randomUUID(), tenant, "c-1", "agent-worker", "message.accepted", "s-1",
                "d", Instant.now());
    }
}
