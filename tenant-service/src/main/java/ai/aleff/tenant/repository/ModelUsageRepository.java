package ai.aleff.tenant.repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

import ai.aleff.contracts.events.UsageRecorded;
import ai.aleff.platform.database.RowScope;

/**
 * The model calls' usage per tenant ({@code tenant.model_usage}), stored from the workers' UsageRecorded events and
 * summed per day, provider and model for the usage API. Each statement runs in the tenant's row scope.
 */
@ApplicationScoped
public class ModelUsageRepository {

    private final Pool pool;

    public ModelUsageRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores one call's usage, once per usage id; a call of a tenant that no longer exists (deleted, or never known
     * here) is dropped, so an event arriving after the erasure cannot bring usage back. Whether a row was stored.
     */
    public Uni<Boolean> record(UUID tenantId, UsageRecorded usage) {
        return RowScope.inTenant(pool, tenantId.toString(), tx -> tx.preparedQuery("""
                INSERT INTO tenant.model_usage (usage_id, tenant_id, day, provider, model, message_id, input_tokens,
                    output_tokens, cost, currency, recorded_at)
                SELECT $1, t.id, $3, $4, $5, $6, $7, $8, $9, $10, $11
                FROM tenant.tenants t WHERE t.id = $2 AND t.status <> 'DELETED' FOR SHARE
                ON CONFLICT (usage_id) DO NOTHING""")
                .execute(Tuple.tuple(Arrays.asList(usage.usageId(), tenantId,
                        LocalDate.ofInstant(usage.recordedAt(), ZoneOffset.UTC), usage.provider(), usage.model(),
                        usage.messageId(), usage.inputTokens(), usage.outputTokens(), usage.estimatedCost(),
                        usage.currency(), usage.recordedAt().atOffset(ZoneOffset.UTC))))
                .map(rows -> rows.rowCount() == 1));
    }

    /** The tenant's usage from {@code from} to {@code to} (UTC days, both included), per day, provider and model. */
    public Uni<List<DailyModelUsage>> daily(SqlClient tx, UUID tenantId, LocalDate from, LocalDate to) {
        return tx.preparedQuery("""
                SELECT day, provider, model, currency, count(DISTINCT message_id) AS messages, count(*) AS calls,
                       sum(input_tokens) AS input_tokens, sum(output_tokens) AS output_tokens, sum(cost) AS cost
                FROM tenant.model_usage WHERE tenant_id = $1 AND day BETWEEN $2 AND $3
                GROUP BY day, provider, model, currency ORDER BY day, provider, model, currency""")
                .execute(Tuple.of(tenantId, from, to))
                .map(rows -> {
                    List<DailyModelUsage> days = new ArrayList<>();
                    rows.forEach(row -> days.add(daily(row)));
                    return days;
                });
    }

    /** Tokens (input and output) the tenant's calls used on {@code today} and from its month's first day on. */
    public Uni<TokensUsed> tokensTodayAndThisMonth(SqlClient tx, UUID tenantId, LocalDate today) {
        return tx.preparedQuery("""
                SELECT coalesce(sum(input_tokens + output_tokens) FILTER (WHERE day = $2), 0) AS today,
                       coalesce(sum(input_tokens + output_tokens), 0) AS month
                FROM tenant.model_usage WHERE tenant_id = $1 AND day >= $3""")
                .execute(Tuple.of(tenantId, today, today.withDayOfMonth(1)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new TokensUsed(row.getLong("today"), row.getLong("month"));
                });
    }

    /** Tokens used today and this month (UTC). */
    public record TokensUsed(long today, long thisMonth) {
    }

    /**
     * Erases the tenant's usage in the current Panache transaction (the tenant's deletion). A usage event stored
     * concurrently holds a share lock on the tenant's row, so the deletion's status change waits for it and this
     * delete then sees its row; one arriving after sees the tenant deleted and is dropped.
     */
    public Uni<Integer> eraseInSession(UUID tenantId) {
        return Panache.getSession()
                .chain(session -> session
                        .createNativeQuery("DELETE FROM tenant.model_usage WHERE tenant_id = :id")
                        .setParameter("id", tenantId)
                        .executeUpdate());
    }

    /** {@code work} in a transaction that sees only {@code tenantId}'s rows. */
    public <T> Uni<T> inTenant(UUID tenantId, Function<SqlConnection, Uni<T>> work) {
        return RowScope.inTenant(pool, tenantId.toString(), work);
    }

    private static DailyModelUsage daily(Row row) {
        BigDecimal cost = row.getBigDecimal("cost");
        return new DailyModelUsage(row.getLocalDate("day"), row.getString("provider"), row.getString("model"),
                row.getLong("messages"), row.getLong("calls"), row.getLong("input_tokens"),
                row.getLong("output_tokens"), cost, row.getString("currency"));
    }
}
