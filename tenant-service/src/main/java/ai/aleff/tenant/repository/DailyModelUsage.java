package ai.aleff.tenant.repository;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What one model of one provider did for a tenant on one UTC day.
 *
 * @param messages distinct user messages whose turns called the model (a subagent's calls count no message)
 * @param calls model calls
 * @param estimatedCost the calls' estimated cost, in {@code currency}
 */
public record DailyModelUsage(LocalDate day, String provider, String model, long messages, long calls,
        long inputTokens, long outputTokens, BigDecimal estimatedCost, String currency) {
}
