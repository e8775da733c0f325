package ai.aleff.tenant.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import ai.aleff.tenant.repository.DailyModelUsage;

/**
 * A tenant's usage over a range of UTC days, and where it stands against its token quotas.
 *
 * @param from first day of the range
 * @param to last day of the range (included)
 * @param days per day, provider and model; days without a call are left out
 * @param quotas today's and this month's tokens against the tenant's effective quotas
 */
public record UsageReport(LocalDate from, LocalDate to, List<ModelDay> days, QuotaStanding quotas) {

    /** One model's usage on one day (see {@link DailyModelUsage}). */
    public record ModelDay(LocalDate day, String provider, String model, long messages, long calls, long inputTokens,
            long outputTokens, BigDecimal estimatedCost, String currency) {

        static ModelDay of(DailyModelUsage d) {
            return new ModelDay(d.day(), d.provider(), d.model(), d.messages(), d.calls(), d.inputTokens(),
                    d.outputTokens(), d.estimatedCost(), d.currency());
        }
    }

    /**
     * Tokens used in the current day and month (as stored here: the worker's own count, which enforces the quotas,
     * runs a few seconds ahead) and the effective quotas (null: none).
     */
    public record QuotaStanding(long tokensToday, Long tokensPerDay, long tokensThisMonth, Long tokensPerMonth) {
    }
}
