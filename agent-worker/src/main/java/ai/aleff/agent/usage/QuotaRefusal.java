package ai.aleff.agent.usage;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A tenant's token quota that is spent: no model may be called for it until {@code resetsAt}.
 *
 * @param quota {@code tokens-per-day} or {@code tokens-per-month}
 * @param period the stored period ({@code day} or {@code month}) and its first day
 * @param limit the quota
 * @param used tokens used in the period
 */
public record QuotaRefusal(String quota, String period, LocalDate periodStart, long limit, long used,
        Instant resetsAt) {

    /** What the end user is told instead of an answer. */
    public String userMessage() {
        String when = "tokens-per-day".equals(quota) ? "today" : "this month";
        return "This assistant has used all the model capacity its owner set for " + when
                + ", so it cannot answer now. It will be available again from " + resetsAt
                + " (UTC). If you run this assistant, raise the quota or wait until then.";
    }
}
