package ai.aleff.ingress;

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

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class TenantErasureIT {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    Pool pool;

    @Test
    void aDeletedTenantsReservationsAndConversationsAreErasedAndNoOtherTenantsAre() {
        // Given two tenants with a message each, sent with a clientMessageId
        Events.TestTenant deleted = TestTenants.register(bootstrap);
        Events.TestTenant kept = TestTenants.register(bootstrap);
        MessagesResourceIT.accept(deleted, TestTenants.message(TestTenants.newConversationId(), "forget me", "c-1"));
        MessagesResourceIT.accept(kept, TestTenants.message(TestTenants.newConversationId(), "keep me", "c-1"));
        // (a reservation, the message in the view, its conversation's start, and three limit counters)
        assertThat(rows(deleted.tenantId())).isEqualTo(6);

        // When the first tenant's configuration says DELETED
        Events.publish(bootstrap, CloudEvent.of("tenant-service", UUID.randomUUID().toString(), deleted.tenantId(),
                null, Instant.now(), new TenantConfigurationChanged(deleted.tenantId(), "Deleted",
                        TenantConfigurationChanged.Status.DELETED, List.of(), 2, Instant.now())));

        // Then its rows are erased, and the other tenant's stay
        await().atMost(Duration.ofSeconds(30)).until(() -> rows(deleted.tenantId()) == 0);
        assertThat(rows(kept.tenantId())).isEqualTo(6);
    }

    /** The tenant's rows, counted in its own transaction (row-level security hides them from any other). */
    private long rows(String tenantId) {
        return RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("""
                SELECT (SELECT count(*) FROM ingress.client_message WHERE tenant_id = $1)
                     + (SELECT count(*) FROM ingress.conversation_message WHERE tenant_id = $1)
                     + (SELECT count(*) FROM ingress.conversation_start WHERE tenant_id = $1)
                     + (SELECT count(*) FROM ingress.rate_window WHERE tenant_id = $1)
                     + (SELECT count(*) FROM ingress.stream_lease WHERE tenant_id = $1)""")
                .execute(Tuple.of(tenantId)))
                .await()
                .atMost(Duration.ofSeconds(10))
                .iterator()
                .next()
                .getLong(0);
    }
}
