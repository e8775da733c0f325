package ai.aleff.tenant.service;

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
public record UsageReport(LocalDate from, LocalDate to, List<DailyModelUsage> days, QuotaStanding quotas) {

    /**
     * Tokens used in the current day and month (as stored here: the worker's own count, which enforces the quotas,
     * runs a few seconds ahead) and the effective quotas (null: none).
     */
    public record QuotaStanding(long tokensToday, Long tokensPerDay, long tokensThisMonth, Long tokensPerMonth) {
    }
}
