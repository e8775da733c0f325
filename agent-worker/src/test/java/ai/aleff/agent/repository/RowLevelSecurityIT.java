package ai.aleff.agent.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

import ai.aleff.platform.database.RowScope;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.RowSecurity;

/** Row-level security in the agent schema: a transaction sees its own tenant's turns, history and usage, or none. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
class RowLevelSecurityIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

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
    TenantRowsRepository tenantRows;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void everyTenantTableOfTheSchemaHasRowSecurityButTheOutbox() {
        assertThat(RowSecurity.tenantTables(jdbcUrl, "agent", "tenant_id")).containsExactly("conversation_session",
                "history", "history_summary", "model_usage", "outbox", "token_usage", "tool_call", "turn");
        assertThat(RowSecurity.unprotectedTenantTables(jdbcUrl, "agent", "tenant_id", Set.of("outbox"))).isEmpty();
    }

    @Test
    void aTransactionSeesOnlyTheRowsOfItsTenantInEveryTableAndNoneWithoutOne() {
        // Given two tenants with a row in every tenant table
        String a = "tenant-a-" + UUID.randomUUID();
        String b = "tenant-b-" + UUID.randomUUID();
        TenantRows.seed(pool, turns, toolCalls, history, summaries, sessions, usage, a);
        TenantRows.seed(pool, turns, toolCalls, history, summaries, sessions, usage, b);

        for (String table : TenantRows.TABLES) {
            // When a query without a tenant filter runs in A's transaction, Then it sees only A's rows
            assertThat(RowScope.inTenant(pool, a, c -> TenantRows.visibleTenants(c, table)).await().atMost(WAIT))
                    .as(table)
                    .containsOnly(a);
            // And without a tenant it sees nothing; a cross-tenant transaction sees both
            assertThat(TenantRows.visibleTenants(pool, table).await().atMost(WAIT)).as(table).isEmpty();
            assertThat(RowScope.acrossTenants(pool, c -> TenantRows.visibleTenants(c, table)).await().atMost(WAIT))
                    .as(table)
                    .contains(a, b);
        }
    }

    @Test
    void aTenantsTransactionCanNeitherWriteNorEraseAnotherTenantsRows() {
        // Given tenant B's rows
        String a = "tenant-a-" + UUID.randomUUID();
        String b = "tenant-b-" + UUID.randomUUID();
        TenantRows.seed(pool, turns, toolCalls, history, summaries, sessions, usage, b);
        long before = TenantRows.count(pool, b);

        // When A's transaction erases B's rows by name, Then nothing is deleted
        assertThat(RowScope.inTenant(pool, a, c -> tenantRows.deleteTenant(c, b)).await().atMost(WAIT)).isZero();
        assertThat(TenantRows.count(pool, b)).isEqualTo(before);
        // And A's transaction cannot write a history row in B's name
        assertThatThrownBy(() -> RowScope.inTenant(pool, a, c -> history.append(c, new HistoryEntry(b, "conv", "t",
                HistoryEntry.Role.USER, "injected", null, null, null))).await().atMost(WAIT))
                .hasMessageContaining("row-level security");
    }
}
