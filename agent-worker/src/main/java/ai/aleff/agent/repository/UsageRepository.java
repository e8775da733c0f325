package ai.aleff.agent.repository;

import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Per-call model usage, keyed like the UsageRecorded event, so a redone step is stored once. Written only by
 * {@link ai.aleff.agent.usage.UsageLedger}, together with that event.
 */
@ApplicationScoped
public class UsageRepository {

    /** Stores the usage; false when this usage id was stored before. */
    public Uni<Boolean> record(SqlClient client, UsageRow usage) {
        return client.preparedQuery("INSERT INTO agent.model_usage (usage_id, tenant_id, conversation_id, turn_id, "
                + "provider, model, input_tokens, output_tokens, cost, currency) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                + "$8, $9, $10) ON CONFLICT (usage_id) DO NOTHING")
                .execute(Tuple.tuple(Arrays.asList(usage.usageId(), usage.tenantId(), usage.conversationId(),
                        usage.turnId(), usage.provider(), usage.model(), usage.inputTokens(), usage.outputTokens(),
                        usage.cost(), usage.currency())))
                .map(rows -> rows.rowCount() == 1);
    }
}
