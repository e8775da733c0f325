package ai.aleff.agent.repository;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Tokens per tenant, UTC day and month ({@code agent.token_usage}), for the token quotas. Written only with a call's
 * usage row, in its transaction; each call is counted once because its usage row is.
 */
@ApplicationScoped
public class TokenUsageRepository {

    /** The periods a quota counts over, as stored. */
    public static final String DAY = "day";
    public static final String MONTH = "month";

    /** Adds {@code tokens} to the tenant's day and month; one statement. */
    public Uni<Void> add(SqlClient transaction, String tenantId, LocalDate day, long tokens) {
        return transaction.preparedQuery(
                """
                        INSERT INTO agent.token_usage (tenant_id, period, period_start, tokens)
                        VALUES ($1, 'day', $2, $4), ($1, 'month', $3, $4)
                        ON CONFLICT (tenant_id, period, period_start) DO UPDATE SET tokens = token_usage.tokens + excluded.tokens""")
                .execute(Tuple.of(tenantId, day, day.withDayOfMonth(1), tokens))
                .replaceWithVoid();
    }

    /** The tokens the tenant used on {@code day} and in its month (0 where nothing was used). */
    public Uni<TokenTally> used(SqlClient transaction, String tenantId, LocalDate day) {
        return transaction.preparedQuery("""
                SELECT period, tokens FROM agent.token_usage WHERE tenant_id = $1
                  AND ((period = 'day' AND period_start = $2) OR (period = 'month' AND period_start = $3))""")
                .execute(Tuple.of(tenantId, day, day.withDayOfMonth(1)))
                .map(rows -> {
                    long today = 0;
                    long month = 0;
                    for (Row row : rows) {
                        if (DAY.equals(row.getString("period"))) {
                            today = row.getLong("tokens");
                        } else {
                            month = row.getLong("tokens");
                        }
                    }
                    return new TokenTally(today, month);
                });
    }

    /**
     * Marks the period's quota as announced spent; true only for the first caller of the period, which tells the
     * tenant (every later refused turn of the period only tells its user).
     */
    public Uni<Boolean> markExhausted(SqlClient transaction, String tenantId, String period, LocalDate start) {
        return transaction.preparedQuery("UPDATE agent.token_usage SET exhausted_at = now() WHERE tenant_id = $1 "
                + "AND period = $2 AND period_start = $3 AND exhausted_at IS NULL")
                .execute(Tuple.of(tenantId, period, start))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Tokens used in the current day and month. */
    public record TokenTally(long today, long thisMonth) {
    }
}
