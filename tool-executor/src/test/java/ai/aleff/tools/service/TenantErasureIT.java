package ai.aleff.tools.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.platform.database.RowScope;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.testkit.Events;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.tools.repository.MemoryRepository;
import ai.aleff.tools.repository.ToolCallStore;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class TenantErasureIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;
    @Inject
    MemoryRepository memory;
    @Inject
    ToolCallStore calls;
    @Inject
    TenantErasure erasure;

    @Test
    void aDeletedTenantsFactsCountersAndToolCallsAreErasedAndNoOtherTenantsAre() {
        // Given two tenants whose users stored a fact through a tool call
        String deleted = "t-" + UUID.randomUUID();
        String kept = "t-" + UUID.randomUUID();
        seed(deleted);
        seed(kept);
        assertThat(rows(deleted)).isEqualTo(3);

        // When the first tenant's configuration says DELETED
        Events.publish(bootstrap, CloudEvent.of("tenant-service", UUID.randomUUID().toString(), deleted, null,
                Instant.now(), new TenantConfigurationChanged(deleted, "Deleted",
                        TenantConfigurationChanged.Status.DELETED, List.of(), 2, Instant.now())));

        // Then its rows are erased, and the other tenant's stay
        await().atMost(WAIT).until(() -> rows(deleted) == 0);
        assertThat(rows(kept)).isEqualTo(3);
    }

    @Test
    void erasingAgainFindsNothingToDelete() {
        // Given a tenant already erased
        String tenant = "t-" + UUID.randomUUID();
        seed(tenant);
        assertThat(erasure.erase(tenant).await().atMost(WAIT)).isEqualTo(3);

        // When the deletion is seen again (the directory re-reads the topic at every start), Then nothing fails
        assertThat(erasure.erase(tenant).await().atMost(WAIT)).isZero();
    }

    private void seed(String tenantId) {
        RowScope.inTenant(pool, tenantId, tx -> calls.claim(tx, tenantId, "key-1", "call-1", "remember",
                UUID.randomUUID(), Duration.ofMinutes(1))
                .chain(() -> memory.insert(tx, tenantId, "u-1", "likes tea", "call-1")))
                .await()
                .atMost(WAIT);
    }

    /** The tenant's rows, counted in its own transaction (row-level security hides them from any other). */
    private long rows(String tenantId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("""
                SELECT (SELECT count(*) FROM tools.memory_fact WHERE tenant_id = $1)
                     + (SELECT count(*) FROM tools.memory_fact_counter WHERE tenant_id = $1)
                     + (SELECT count(*) FROM tools.tool_call WHERE tenant_id = $1)""")
                .execute(Tuple.of(tenantId)))
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0);
    }
}
