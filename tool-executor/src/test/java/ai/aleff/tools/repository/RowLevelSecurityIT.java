package ai.aleff.tools.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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

import ai.aleff.platform.database.RowScope;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.RowSecurity;

/** Row-level security in the tools schema: a transaction sees its own tenant's calls and facts, or none. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class RowLevelSecurityIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Inject
    MemoryRepository memory;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void everyTenantTableOfTheSchemaHasRowSecurity() {
        assertThat(RowSecurity.tenantTables(jdbcUrl, "tools", "tenant_id")).containsExactly("memory_fact",
                "memory_fact_counter", "tool_call");
        assertThat(RowSecurity.unprotectedTenantTables(jdbcUrl, "tools", "tenant_id", Set.of())).isEmpty();
    }

    @Test
    void aTransactionSeesOnlyTheFactsOfItsTenantAndNoneWithoutOne() {
        // Given facts of two tenants' users
        String a = "tenant-a-" + UUID.randomUUID();
        String b = "tenant-b-" + UUID.randomUUID();
        for (String tenant : List.of(a, b)) {
            RowScope.inTenant(pool, tenant, tx -> memory.insert(tx, tenant, "u-1", "likes tea", "call-1"))
                    .await().atMost(WAIT);
        }

        // When a query without a tenant filter runs in A's transaction, Then it sees only A's facts
        assertThat(RowScope.inTenant(pool, a, RowLevelSecurityIT::tenants).await().atMost(WAIT)).containsOnly(a);
        // And without a tenant it sees nothing; a cross-tenant transaction sees both
        assertThat(tenants(pool).await().atMost(WAIT)).isEmpty();
        assertThat(RowScope.acrossTenants(pool, RowLevelSecurityIT::tenants).await().atMost(WAIT)).contains(a, b);
        // And A's transaction cannot delete B's facts, even naming B
        assertThat(RowScope.inTenant(pool, a, tx -> memory.deleteAll(tx, b, "u-1")).await().atMost(WAIT)).isEmpty();
        assertThat(RowScope.inTenant(pool, b, RowLevelSecurityIT::tenants).await().atMost(WAIT)).containsOnly(b);
    }

    private static Uni<List<String>> tenants(SqlClient client) {
        return client.query("SELECT DISTINCT tenant_id FROM tools.memory_fact").execute().map(rows -> {
            List<String> tenants = new ArrayList<>();
            rows.forEach(row -> tenants.add(row.getString(0)));
            return tenants;
        });
    }
}
