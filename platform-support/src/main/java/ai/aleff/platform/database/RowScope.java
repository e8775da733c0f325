package ai.aleff.platform.database;

import java.util.function.Function;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Which rows row-level security lets a transaction see: the second line of defence behind every query's own tenant
 * filter (docs/security.md, "Database isolation"). A tenant-scoped table's policies show a transaction the rows of
 * the tenant in {@value #TENANT_SETTING}, all rows when {@value #CROSS_TENANT_SETTING} is {@code on} (jobs that
 * serve every tenant: batch consumers, sweepers), and nothing when neither is set. Both settings are local to the
 * transaction ({@code set_config(..., true)}), so a pooled connection never carries them into the next one.
 *
 * <pre>
 * RowScope.inTenant(pool, tenantId, tx -> tx.preparedQuery("SELECT ... WHERE tenant_id = $1").execute(...));
 * </pre>
 */
public final class RowScope {

    /** The setting the policies compare {@code tenant_id} with. */
    public static final String TENANT_SETTING = "app.tenant_id";
    /** The setting that opens every tenant's rows to a cross-tenant job. */
    public static final String CROSS_TENANT_SETTING = "app.cross_tenant";

    private RowScope() {
    }

    /** {@code work} in one transaction that sees only {@code tenantId}'s rows. */
    public static <T> Uni<T> inTenant(Pool pool, String tenantId, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(tx -> tenant(tx, tenantId).chain(() -> work.apply(tx)));
    }

    /** {@code work} in one transaction that sees every tenant's rows: only for jobs that serve all tenants. */
    public static <T> Uni<T> acrossTenants(Pool pool, Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(tx -> acrossTenants(tx).chain(() -> work.apply(tx)));
    }

    /** Limits the rest of the caller's transaction to {@code tenantId}'s rows. */
    public static Uni<Void> tenant(SqlClient transaction, String tenantId) {
        if (tenantId == null || tenantId.isBlank()) {
            throw new IllegalArgumentException("A tenant-scoped transaction needs a tenant id");
        }
        return set(transaction, TENANT_SETTING, tenantId);
    }

    /** Opens every tenant's rows for the rest of the caller's transaction. */
    public static Uni<Void> acrossTenants(SqlClient transaction) {
        return set(transaction, CROSS_TENANT_SETTING, "on");
    }

    private static Uni<Void> set(SqlClient transaction, String setting, String value) {
        return transaction.preparedQuery("SELECT set_config($1, $2, true)")
                .execute(Tuple.of(setting, value))
                .replaceWithVoid();
    }
}
