package ai.aleff.tenant.rest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import ai.aleff.tenant.service.UsageReport;

/**
 * A tenant's usage over a range of UTC days.
 *
 * @param days per day, provider and model, oldest first; days without a model call are left out
 * @param quotas tokens used today and this month, and the tenant's effective token quotas (null: none)
 */
public record UsageResponse(LocalDate from, LocalDate to, List<Day> days, UsageReport.QuotaStanding quotas) {

    static UsageResponse of(UsageReport report) {
        return new UsageResponse(report.from(), report.to(), report.days().stream()
                .map(d -> new Day(d.day(), d.provider(), d.model(), d.messages(), d.calls(), d.inputTokens(),
                        d.outputTokens(), d.estimatedCost(), d.currency()))
                .toList(), report.quotas());
    }

    /** One model's usage on one day. */
    public record Day(LocalDate day, String provider, String model,
            @Schema(description = "Distinct user messages whose turns called this model (a subagent's calls count no message).") long messages,
            @Schema(description = "Model calls.") long calls, long inputTokens, long outputTokens,
            @Schema(description = "Input and output tokens priced with the platform's configured per-million prices; 0 when unpriced.") BigDecimal estimatedCost,
            String currency) {
    }
}
