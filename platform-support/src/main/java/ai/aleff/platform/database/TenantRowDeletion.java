package ai.aleff.platform.database;

import java.util.List;
import java.util.stream.Collectors;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Runs a service's erasure statements for one deleted tenant, in order, in the caller's transaction (which must be
 * in the tenant's row scope, see {@link RowScope#inTenant}). Each statement takes the tenant id as {@code $1}. The
 * count is of rows deleted: an {@code UPDATE} (cutting links between rows before they are deleted) is not counted.
 */
public final class TenantRowDeletion {

    private TenantRowDeletion() {
    }

    public static Uni<Integer> run(SqlClient transaction, String tenantId, List<String> statements) {
        return Multi.createFrom()
                .iterable(statements)
                .onItem()
                .transformToUniAndConcatenate(sql -> transaction.preparedQuery(sql)
                        .execute(Tuple.of(tenantId))
                        .map(rows -> sql.startsWith("UPDATE") ? 0 : rows.rowCount()))
                .collect()
                .with(Collectors.summingInt(Integer::intValue));
    }
}
