package ai.aleff.contracts.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Tokens one successful model call consumed and what they are estimated to cost, for metering and billing.
 *
 * @param usageId unique per model call; also the CloudEvent id, so consumers deduplicate on it
 * @param tenantId tenant billed for the call
 * @param conversationId conversation the call served
 * @param turnId the turn (the inbound message id) the call belongs to
 * @param provider provider that answered: {@code openai}, {@code anthropic}, {@code gemini}, {@code ollama}
 * @param model model name that answered (after any failover)
 * @param inputTokens prompt tokens the provider reported (0 when it reported none)
 * @param outputTokens completion tokens the provider reported (0 when it reported none)
 * @param estimatedCost input and output tokens priced with the configured per-million prices; 0 when unpriced
 * @param currency ISO 4217 code of {@code estimatedCost}
 * @param recordedAt when the call returned
 * @param messageId the user message whose turn made the call (the turn id of a user's turn), so usage can be counted
 *        per message; null for a subagent's call, and in records published before this field existed
 */
public record UsageRecorded(String usageId, String tenantId, String conversationId, String turnId, String provider,
        String model, long inputTokens, long outputTokens, BigDecimal estimatedCost, String currency,
        Instant recordedAt, String messageId) {

    /** A call not counted against a user's message (a record of the format before {@code messageId}). */
    public UsageRecorded(String usageId, String tenantId, String conversationId, String turnId, String provider,
            String model, long inputTokens, long outputTokens, BigDecimal estimatedCost, String currency,
            Instant recordedAt) {
        this(usageId, tenantId, conversationId, turnId, provider, model, inputTokens, outputTokens, estimatedCost,
                currency, recordedAt, null);
    }
}
