package ai.aleff.agent.usage;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import ai.aleff.agent.events.TurnAudit;
import ai.aleff.agent.repository.Turn;
import ai.aleff.contracts.events.QuotaExhausted;
import ai.aleff.platform.events.CloudEvent;

/**
 * What tells a tenant that a token quota is spent: a {@code quota.exhausted} audit record (in the tenant's audit
 * trail) and a {@link QuotaExhausted} event on {@code aleff.usage.quota.v1}. Both ids derive from the quota and its
 * period, so a redone step repeats the same ones, which consumers deduplicate.
 */
@ApplicationScoped
public class QuotaNotices {

    static final String ACTION = "quota.exhausted";

    private final TurnAudit audit;

    public QuotaNotices(TurnAudit audit) {
        this.audit = audit;
    }

    public List<CloudEvent<?>> of(Turn turn, QuotaRefusal refusal) {
        Instant now = Instant.now();
        Instant periodStart = refusal.periodStart().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        String id = "quota:" + turn.tenantId() + ":" + refusal.quota() + ":" + periodStart;
        QuotaExhausted event = new QuotaExhausted(id, turn.tenantId(), refusal.quota(), refusal.limit(),
                refusal.used(), periodStart, refusal.resetsAt(), turn.conversationId(), turn.turnId(), now);
        return List.of(CloudEvent.of(audit.service(), id, turn.tenantId(), turn.conversationId(), now, event),
                audit.action(turn, ACTION, id, "quota=" + refusal.quota() + " limit=" + refusal.limit() + " used="
                        + refusal.used() + " resets_at=" + refusal.resetsAt()));
    }
}
