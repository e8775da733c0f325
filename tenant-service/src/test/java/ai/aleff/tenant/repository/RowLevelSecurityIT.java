package ai.aleff.tenant.repository;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.contracts.events.UsageRecorded;
import ai.aleff.platform.database.RowScope;
import ai.aleff.testkit.KafkaResource;
import ai.aleff.testkit.PostgresResource;
import ai.aleff.testkit.RowSecurity;
import ai.aleff.testkit.identity.KeycloakResource;
import ai.aleff.testkit.identity.RealmUsers;

/**
 * Row-level security in the tenant schema: a transaction sees its own tenant's row, keys, assistant versions and
 * administrative audit, every tenant's only across tenants, and none without a scope.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KeycloakResource.class)
class RowLevelSecurityIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Each tenant table and the column that names its tenant. */
    private static final Map<String, String> TENANT_COLUMNS = Map.of("tenants", "id", "api_keys", "tenant_id",
            "assistant_versions", "tenant_id", "admin_audit", "tenant_id", "model_usage", "tenant_id",
            "channel_connections",
            "tenant_id");

    @Inject
    Pool pool;
    @Inject
    TenantRepository tenants;
    @Inject
    ModelUsageRepository usage;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void everyTenantTableOfTheSchemaHasRowSecurityButTheOutbox() {
        assertThat(RowSecurity.tenantTables(jdbcUrl, "tenant", "tenant_id")).containsExactly("admin_audit",
                "api_keys", "assistant_versions", "channel_connections", "model_usage", "outbox");
        assertThat(RowSecurity.unprotectedTenantTables(jdbcUrl, "tenant", "tenant_id", Set.of("outbox"))).isEmpty();
        // The tenants table is scoped by its own id: the catalog lists exactly these tables with both policies
        List<String> secured = new ArrayList<>();
        pool.query("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'tenant' AND c.relrowsecurity
                  AND (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid) = 2
                ORDER BY c.relname""").execute().await().atMost(WAIT).forEach(row -> secured.add(row.getString(0)));
        assertThat(secured).containsExactly("admin_audit", "api_keys", "assistant_versions", "channel_connections",
                "model_usage", "tenants");
    }

    @Test
    void aTransactionSeesOnlyTheRowsOfItsTenantInEveryTableAndNoneWithoutOne() {
        // Given two tenants with a row in every tenant table, and a platform audit row naming no tenant
        String a = newTenantWithAssistant();
        String b = newTenantWithAssistant();
        for (String tenant : List.of(a, b)) {
            usage.record(UUID.fromString(tenant), new UsageRecorded("usage-" + UUID.randomUUID(), tenant, "c-1",
                    "turn-1", "openai", "gpt", 1, 1, java.math.BigDecimal.ZERO, "USD", java.time.Instant.now(),
                    "turn-1")).await().atMost(WAIT);
        }
        RowScope.acrossTenants(pool, c -> c.query("INSERT INTO tenant.admin_audit (record_id, tenant_id, actor, "
                + "action, subject_id, occurred_at) VALUES (gen_random_uuid(), NULL, 'platform', 'template.created', "
                + "'rls-test', now())").execute()).await().atMost(WAIT);

        TENANT_COLUMNS.forEach((table, column) -> {
            String sql = "SELECT DISTINCT coalesce(" + column + "::text, 'none') FROM tenant." + table;
            // When a query without a tenant filter runs in A's transaction, Then it sees only A's rows
            assertThat(RowScope.inTenant(pool, a, c -> values(c, sql)).await().atMost(WAIT)).as(table)
                    .containsOnly(a);
            // And without a scope it sees nothing; across tenants it sees both
            assertThat(values(pool, sql).await().atMost(WAIT)).as(table).isEmpty();
            assertThat(RowScope.acrossTenants(pool, c -> values(c, sql)).await().atMost(WAIT)).as(table)
                    .contains(a, b);
        });
        // And the platform's audit rows only across tenants
        assertThat(RowScope.acrossTenants(pool, c -> values(c, "SELECT DISTINCT coalesce(tenant_id::text, 'none') "
                + "FROM tenant.admin_audit")).await().atMost(WAIT)).contains("none");
    }

    @Test
    void theServicesPanacheTransactionsAreScopedTheSameWay() throws Throwable {
        // Given two tenants
        UUID a = UUID.fromString(newTenantWithAssistant());
        UUID b = UUID.fromString(newTenantWithAssistant());

        // When the service's repository lists every tenant in A's transaction, Then it finds only A
        assertThat(ids(() -> TenantTransactions.inTenant(a, tenants::listAll))).containsOnly(a);
        // And across tenants it finds both; in a session that set no scope, none
        assertThat(ids(() -> TenantTransactions.acrossTenants(tenants::listAll))).contains(a, b);
        assertThat(ids(() -> Panache.withSession(tenants::listAll))).isEmpty();
    }

    @Test
    void aTenantsTransactionCanNeitherChangeNorWriteAnotherTenantsRows() {
        // Given tenants A and B
        String a = newTenantWithAssistant();
        String b = newTenantWithAssistant();

        // When A's transaction renames B by its id, Then no row changes
        assertThat(RowScope.inTenant(pool, a, c -> c.preparedQuery("UPDATE tenant.tenants SET name = 'taken' "
                + "WHERE id = $1").execute(Tuple.of(UUID.fromString(b)))).await().atMost(WAIT).rowCount()).isZero();
        // And A's transaction cannot add a key in B's name
        assertThatThrownBy(() -> RowScope.inTenant(pool, a, c -> c.preparedQuery("INSERT INTO tenant.api_keys "
                + "(id, tenant_id, name, key_hash, created_at) VALUES (gen_random_uuid(), $1, 'injected', $2, now())")
                .execute(Tuple.of(UUID.fromString(b), UUID.randomUUID().toString()))).await().atMost(WAIT))
                .hasMessageContaining("row-level security");
    }

    private static List<UUID> ids(Supplier<Uni<List<TenantEntity>>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(work).stream().map(t -> t.id).toList();
    }

    private static Uni<List<String>> values(SqlClient client, String sql) {
        return client.query(sql).execute().map(rows -> {
            List<String> values = new ArrayList<>();
            for (Row row : rows) {
                values.add(row.getString(0));
            }
            return values;
        });
    }

    /**
     * A tenant (its row, first key and audit) with an assistant version and a channel connection (WhatsApp: no
     * platform call), made through the admin API.
     */
    private static String newTenantWithAssistant() {
        String id = admin().contentType(ContentType.JSON)
                .body("{\"name\": \"Row security " + UUID.randomUUID() + "\"}").post("/v1/tenants").then()
                .statusCode(201).extract().jsonPath().getString("id");
        admin().contentType(ContentType.JSON).body("{\"instructions\": \"Be brief.\"}")
                .put("/v1/tenants/{id}/assistant", id).then().statusCode(200);
        admin().contentType(ContentType.JSON).body("{\"type\": \"WHATSAPP\", \"displayName\": \"Row security\", "
                + "\"settings\": {\"phoneNumberId\": \"1\"}, \"credentials\": {\"accessToken\": "
                + "\"EAAGrowsecurityaccesstoken\", \"appSecret\": \"rowsecuritysecret\"}}")
                .post("/v1/tenants/{id}/channels", id).then().statusCode(201);
        return id;
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + RealmUsers.platformAdminToken());
    }
}
