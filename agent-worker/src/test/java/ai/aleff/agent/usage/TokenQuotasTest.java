package ai.aleff.agent.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import ai.aleff.agent.repository.TokenUsageRepository.TokenTally;
import ai.aleff.platform.limits.EffectiveLimits;

class TokenQuotasTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-15");

    @Test
    void aQuotaRefusesOnceTheTokensUsedReachIt() {
        // Given a daily quota of 1,000 tokens
        EffectiveLimits limits = new EffectiveLimits(1, 1, 1, 1, 1000L, null);

        // When / Then 999 used leaves it open; 1,000 used (exactly the quota) refuses until tomorrow
        assertThat(TokenQuotas.refusal(limits, new TokenTally(999, 999), TODAY)).isEmpty();
        Optional<QuotaRefusal> spent = TokenQuotas.refusal(limits, new TokenTally(1000, 1000), TODAY);
        assertThat(spent).isPresent();
        assertThat(spent.get().quota()).isEqualTo(TokenQuotas.PER_DAY);
        assertThat(spent.get().periodStart()).isEqualTo(TODAY);
        assertThat(spent.get().resetsAt()).isEqualTo(Instant.parse("2026-12-16T00:00:00Z"));
    }

    @Test
    void theMonthlyQuotaCountsTheWholeMonthAndResetsOnTheFirst() {
        // Given only a monthly quota, spent by the month's earlier days while today used little
        EffectiveLimits limits = new EffectiveLimits(1, 1, 1, 1, null, 5000L);

        // When / Then it refuses until the first of next month, counted from the first of this one
        QuotaRefusal spent = TokenQuotas.refusal(limits, new TokenTally(10, 5000), TODAY).orElseThrow();
        assertThat(spent.quota()).isEqualTo(TokenQuotas.PER_MONTH);
        assertThat(spent.periodStart()).isEqualTo(LocalDate.parse("2026-12-01"));
        assertThat(spent.resetsAt()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(spent.userMessage()).contains("this month", "2027-01-01T00:00:00Z");
    }

    @Test
    void theMonthlyQuotaIsNamedWhenBothAreSpentAndNoQuotaNeverRefuses() {
        // Given both quotas spent
        EffectiveLimits both = new EffectiveLimits(1, 1, 1, 1, 100L, 100L);
        // When / Then the user is told the month's reset: tomorrow the month's quota would still refuse
        assertThat(TokenQuotas.refusal(both, new TokenTally(100, 100), TODAY).orElseThrow().quota())
                .isEqualTo(TokenQuotas.PER_MONTH);
        // And without quotas nothing is ever refused
        assertThat(TokenQuotas.refusal(new EffectiveLimits(1, 1, 1, 1, null, null), new TokenTally(
                Long.MAX_VALUE, Long.MAX_VALUE), TODAY)).isEmpty();
    }
}
