package ai.aleff.tenant.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;

import ai.aleff.contracts.events.UsageRecorded;
import ai.aleff.platform.limits.EffectiveLimits;
import ai.aleff.platform.limits.LimitDefaults;
import ai.aleff.platform.rest.ProblemException;
import ai.aleff.tenant.repository.ModelUsageRepository;
import ai.aleff.tenant.repository.TenantRepository;
import ai.aleff.tenant.repository.TenantTransactions;

/**
 * A tenant's model usage: stored from the workers' UsageRecorded events, reported to its administrators per day and
 * model with its standing against its token quotas.
 */
@ApplicationScoped
public class UsageService {

    /** The longest range one report covers, in days. */
    public static final int MAX_DAYS = 366;

    /** The range when the caller names none: the last 30 days, today included. */
    static final int DEFAULT_DAYS = 30;

    private final ModelUsageRepository usage;
    private final TenantRepository tenants;
    private final LimitDefaults defaults;
    private final Clock clock;

    @Inject
    public UsageService(ModelUsageRepository usage, TenantRepository tenants, LimitDefaults defaults) {
        this(usage, tenants, defaults, Clock.systemUTC());
    }

    UsageService(ModelUsageRepository usage, TenantRepository tenants, LimitDefaults defaults, Clock clock) {
        this.usage = usage;
        this.tenants = tenants;
        this.defaults = defaults;
        this.clock = clock;
    }

    /** Stores one call's usage (once per usage id). */
    public Uni<Void> record(UUID tenantId, UsageRecorded recorded) {
        return usage.record(tenantId, recorded).replaceWithVoid();
    }

    /**
     * The tenant's usage from {@code from} to {@code to} (UTC days, both included; null: the last 30 days to today).
     *
     * @throws ProblemException 400 when the range is reversed or longer than {@link #MAX_DAYS}; 404 when the tenant
     *         does not exist or the actor may not administer it
     */
    public Uni<UsageReport> report(Actor actor, String tenantId, LocalDate from, LocalDate to) {
        UUID id = TenantChanges.administrableId(actor, tenantId);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate last = to == null ? today : to;
        LocalDate first = from == null ? last.minusDays(DEFAULT_DAYS - 1) : from;
        if (first.isAfter(last)) {
            throw ProblemException.badRequest("from (" + first + ") is after to (" + last + ").");
        }
        if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
            throw ProblemException.badRequest("The range covers more than " + MAX_DAYS + " days; ask for less.");
        }
        return TenantTransactions.inTenant(id, () -> tenants.findById(id))
                .map(TenantChanges::requireLive)
                .chain(tenant -> {
                    EffectiveLimits limits = defaults.effective(tenant.limits());
                    return usage.inTenant(id, tx -> usage.daily(tx, id, first, last)
                            .chain(days -> usage.tokensTodayAndThisMonth(tx, id, today)
                                    .map(used -> new UsageReport(first, last,
                                            days.stream().map(UsageReport.ModelDay::of).toList(),
                                            new UsageReport.QuotaStanding(used.today(), limits.tokensPerDay(),
                                                    used.thisMonth(), limits.tokensPerMonth())))));
                });
    }
}
