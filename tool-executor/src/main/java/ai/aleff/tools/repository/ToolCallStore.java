package ai.aleff.tools.repository;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The durable idempotency store: one row per (tenant, idempotency key). A run first claims the row (one atomic
 * {@code INSERT ... ON CONFLICT}), so of two deliveries racing only one runs the tool; the other finds the claim busy
 * and waits for the outcome, or finds the outcome and returns it.
 */
@ApplicationScoped
public class ToolCallStore {

    private static final int MAX_TOOL_NAME = 200;

    /**
     * Claims the call for the run holding {@code token}. A claim without outcome is taken over when it is older than
     * {@code expiry} (its run died) or already carries {@code token} (this run retrying after a failure, whose
     * transaction therefore did not commit).
     */
    public Uni<Claim> claim(SqlClient client, String tenantId, String idempotencyKey, String callId, String toolName,
            UUID token, Duration expiry) {
        return client.preparedQuery("INSERT INTO tools.tool_call (tenant_id, idempotency_key, call_id, tool_name, "
                + "claim_token) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, idempotency_key) DO UPDATE SET "
                + "claim_token = EXCLUDED.claim_token, claimed_at = now(), attempts = tool_call.attempts + 1 "
                + "WHERE tool_call.status = 'RUNNING' AND (tool_call.claim_token = EXCLUDED.claim_token "
                + "OR tool_call.claimed_at < now() - $6::bigint * interval '1 millisecond') RETURNING claim_token")
                .execute(Tuple.tuple(Arrays.asList(tenantId, idempotencyKey, callId, storableName(toolName), token,
                        expiry.toMillis())))
                .chain(rows -> rows.size() > 0
                        ? Uni.createFrom().item((Claim) new Claim.Owned(new CallTicket(tenantId, idempotencyKey,
                                token)))
                        : current(client, tenantId, idempotencyKey));
    }

    private Uni<Claim> current(SqlClient client, String tenantId, String idempotencyKey) {
        return client.preparedQuery("SELECT status, result, error, completed_at FROM tools.tool_call "
                + "WHERE tenant_id = $1 AND idempotency_key = $2")
                .execute(Tuple.of(tenantId, idempotencyKey))
                .map(rows -> {
                    if (rows.size() == 0) {
                        // Cannot happen while rows are never deleted under a live call; answer as busy to retry.
                        return new Claim.Busy();
                    }
                    Row row = rows.iterator().next();
                    if ("RUNNING".equals(row.getString("status"))) {
                        return new Claim.Busy();
                    }
                    return new Claim.Done(new StoredOutcome(row.getString("result"), row.getString("error"),
                            row.getOffsetDateTime("completed_at").toInstant()));
                });
    }

    /**
     * Records the outcome of an owned call. Fails with {@link ClaimLostException} when the claim was taken over
     * meanwhile, so a transaction the tool wrote in is rolled back rather than committed twice.
     */
    public Uni<Void> complete(SqlClient client, CallTicket ticket, StoredOutcome outcome) {
        return client.preparedQuery("UPDATE tools.tool_call SET status = $4, result = $5, error = $6, "
                + "completed_at = $7 WHERE tenant_id = $1 AND idempotency_key = $2 AND claim_token = $3 "
                + "AND status = 'RUNNING'")
                .execute(Tuple.tuple(Arrays.asList(ticket.tenantId(), ticket.idempotencyKey(), ticket.token(),
                        outcome.ok() ? "OK" : "ERROR", outcome.result(), outcome.error(),
                        OffsetDateTime.ofInstant(outcome.completedAt(), ZoneOffset.UTC))))
                .invoke(rows -> {
                    if (rows.rowCount() == 0) {
                        throw new ClaimLostException("lost the claim on " + ticket.idempotencyKey());
                    }
                })
                .replaceWithVoid();
    }

    private static String storableName(String toolName) {
        String name = toolName == null ? "" : toolName.replace('\u0000', '\uFFFD');
        return name.length() > MAX_TOOL_NAME ? name.substring(0, MAX_TOOL_NAME) : name;
    }
}
