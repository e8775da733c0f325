package ai.aleff.agent.usage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

import ai.aleff.agent.repository.TokenUsageRepository;
import ai.aleff.agent.repository.TokenUsageRepository.TokenTally;
import ai.aleff.contracts.events.TenantLimits;
import ai.aleff.platform.limits.EffectiveLimits;
import ai.aleff.platform.limits.LimitDefaults;
import ai.aleff.platform.metrics.PlatformMeters;

/**
 * A tenant's token quotas per UTC day and calendar month (its own, else the platform's {@code aleff.limits.*}),
 * checked before every model call against the tokens its calls used, as counted with their usage. A call that
 * starts below the quota may take the tenant past it (a model's reply size is not known beforehand); the next call is
 * refused. Tenants without quotas cost no query.
 */
@ApplicationScoped
public class TokenQuotas {

    public static final String PER_DAY = "tokens-per-day";
    public static final String PER_MONTH = "tokens-per-month";

    private final TokenUsageRepository tokens;
    private final LimitDefaults defaults;
    private final Clock clock;
    private final PlatformMeters meters;

    @Inject
    public TokenQuotas(TokenUsageRepository tokens, LimitDefaults defaults, PlatformMeters meters) {
        this(tokens, defaults, Clock.systemUTC(), meters);
    }

    TokenQuotas(TokenUsageRepository tokens, LimitDefaults defaults, Clock clock, PlatformMeters meters) {
        this.tokens = tokens;
        this.defaults = defaults;
        this.clock = clock;
        this.meters = meters;
    }

    /** The spent quota that refuses a model call of the tenant now, if any (the monthly one when both are). */
    public Uni<Optional<QuotaRefusal>> check(SqlClient transaction, String tenantId, TenantLimits overrides) {
        EffectiveLimits limits = defaults.effective(overrides);
        if (limits.tokensPerDay() == null && limits.tokensPerMonth() == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        return tokens.used(transaction, tenantId, today).map(used -> refusal(limits, used, today))
                .invoke(refused -> refused.ifPresent(r -> meters.refused(r.quota(), tenantId)));
    }

    /** Marks the refusal's period as announced; true for the first refused call of the period only. */
    public Uni<Boolean> firstRefusalOfPeriod(SqlClient transaction, String tenantId, QuotaRefusal refusal) {
        return tokens.markExhausted(transaction, tenantId, refusal.period(), refusal.periodStart());
    }

    static Optional<QuotaRefusal> refusal(EffectiveLimits limits, TokenTally used, LocalDate today) {
        // The month first: when both are spent, the user is told the later of the two resets, the true one.
        LocalDate month = today.withDayOfMonth(1);
        if (limits.tokensPerMonth() != null && used.thisMonth() >= limits.tokensPerMonth()) {
            return Optional.of(new QuotaRefusal(PER_MONTH, TokenUsageRepository.MONTH, month,
                    limits.tokensPerMonth(), used.thisMonth(),
                    month.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (limits.tokensPerDay() != null && used.today() >= limits.tokensPerDay()) {
            return Optional.of(new QuotaRefusal(PER_DAY, TokenUsageRepository.DAY, today, limits.tokensPerDay(),
                    used.today(), today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        return Optional.empty();
    }
}
