package ai.aleff.agent.repository;

import java.math.BigDecimal;

/**
 * One model call's usage as {@code agent.model_usage} stores it (the repository knows no model types).
 *
 * @param usageId the UsageRecorded event's id, so a redone step is stored once
 */
public record UsageRow(String usageId, String tenantId, String conversationId, String turnId, String provider,
        String model, long inputTokens, long outputTokens, BigDecimal cost, String currency) {
}
