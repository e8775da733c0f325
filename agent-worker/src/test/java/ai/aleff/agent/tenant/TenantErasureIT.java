package ai.aleff.agent.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

import ai.aleff.agent.repository.HistoryRepository;
import ai.aleff.agent.repository.SessionRepository;
import ai.aleff.agent.repository.SummaryRepository;
import ai.aleff.agent.repository.TenantRows;
import ai.aleff.agent.repository.ToolCallRepository;
import ai.aleff.agent.repository.TurnRepository;
import ai.aleff.agent.repository.UsageRepository;
import ai.aleff.agent.testing.TestTenants;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class TenantErasureIT {

    @Inject
    Pool pool;
    @Inject
    TurnRepository turns;
    @Inject
    ToolCallRepository toolCalls;
    @Inject
    HistoryRepository history;
    @Inject
    SummaryRepository summaries;
    @Inject
    SessionRepository sessions;
    @Inject
    UsageRepository usage;
    @Inject
    TenantErasure erasure;

    @Test
    void aDeletedTenantsTurnsHistorySummariesAndUsageAreErasedAndNoOtherTenantsAre() {
        // Given two tenants with turns, tool calls, a child turn, history, a summary, a session, usage and token counts
        String deleted = "t-" + UUID.randomUUID();
        String kept = "t-" + UUID.randomUUID();
        TenantRows.seed(pool, turns, toolCalls, history, summaries, sessions, usage, deleted);
        TenantRows.seed(pool, turns, toolCalls, history, summaries, sessions, usage, kept);
        long keptRows = TenantRows.count(pool, kept);
        // (a row per table, plus the child turn and the month's token count besides the day's)
        assertThat(TenantRows.count(pool, deleted)).isEqualTo(keptRows).isEqualTo(TenantRows.TABLES.length + 2);

        // When the first tenant's configuration says DELETED
        TestTenants.publish(deleted, TenantConfigurationChanged.Status.DELETED, 2, null);

        // Then its rows are erased, and the other tenant's stay
        await().atMost(Duration.ofSeconds(30)).until(() -> TenantRows.count(pool, deleted) == 0);
        assertThat(TenantRows.count(pool, kept)).isEqualTo(keptRows);
    }

    @Test
    void erasingAgainFindsNothingToDelete() {
        // Given a tenant already erased
        String tenant = "t-" + UUID.randomUUID();
        TenantRows.seed(pool, turns, toolCalls, history, summaries, sessions, usage, tenant);
        assertThat(erasure.erase(tenant).await().atMost(Duration.ofSeconds(30))).isPositive();

        // When the deletion is seen again (the directory re-reads the topic at every start), Then nothing fails
        assertThat(erasure.erase(tenant).await().atMost(Duration.ofSeconds(30))).isZero();
    }
}
