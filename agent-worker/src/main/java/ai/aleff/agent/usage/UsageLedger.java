package ai.aleff.agent.usage;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;

import ai.aleff.agent.model.ModelCallContext;
import ai.aleff.agent.model.ModelUsage;
import ai.aleff.agent.repository.TokenUsageRepository;
import ai.aleff.agent.repository.UsageRepository;
import ai.aleff.contracts.events.UsageRecorded;
import ai.aleff.platform.events.CloudEvent;
import ai.aleff.platform.messaging.AuditTrail;
import ai.aleff.platform.outbox.Outbox;

/**
 * The one place a model call's usage is recorded: the {@code model_usage} row (for /status), the tenant's day and
 * month token counts (for its quotas, see {@link TokenQuotas}) and the {@code UsageRecorded} event on
 * {@code aleff.usage.v1} are written together in the caller's transaction. Both are
 * keyed by the call's usage id (per turn step and purpose), so a redone step records its usage once.
 */
@ApplicationScoped
public class UsageLedger {

    private final UsageRepository usage;
    private final TokenUsageRepository tokens;
    private final Outbox outbox;
    private final AuditTrail audit;
    private final Clock clock;

    @Inject
    public UsageLedger(UsageRepository usage, TokenUsageRepository tokens, Outbox outbox, AuditTrail audit) {
        this(usage, tokens, outbox, audit, Clock.systemUTC());
    }

    UsageLedger(UsageRepository usage, TokenUsageRepository tokens, Outbox outbox, AuditTrail audit, Clock clock) {
        this.usage = usage;
        this.tokens = tokens;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Records the usage of one answered call in the transaction of {@code transaction}; returns the events added to
     * the outbox, for the caller to publish after its commit (none when this call's usage was already recorded).
     */
    public Uni<List<CloudEvent<?>>> record(SqlClient transaction, ModelCallContext context, ModelUsage used) {
        UsageRecorded recorded = usageRecorded(context, used, clock);
        return usage.record(transaction, context.usageRow(used))
                .chain(inserted -> {
                    if (!inserted) {
                        return Uni.createFrom().item(List.<CloudEvent<?>>of());
                    }
                    CloudEvent<?> event = CloudEvent.of(audit.service(), recorded.usageId(), recorded.tenantId(),
                            recorded.conversationId(), recorded.recordedAt(), recorded);
                    return tokens.add(transaction, recorded.tenantId(),
                            LocalDate.ofInstant(recorded.recordedAt(), ZoneOffset.UTC),
                            recorded.inputTokens() + recorded.outputTokens())
                            .chain(() -> outbox.add(transaction, event))
                            .replaceWith(List.<CloudEvent<?>>of(event));
                });
    }

    /** The event of one answered call: its tokens and estimated cost, billed to the call's tenant. */
    public static UsageRecorded usageRecorded(ModelCallContext context, ModelUsage used, Clock clock) {
        return new UsageRecorded(context.usageId(), context.tenantId(), context.conversationId(), context.turnId(),
                used.provider().id(), used.model(), used.inputTokens(), used.outputTokens(), used.estimatedCost(),
                used.currency(), clock.instant(), context.messageId());
    }
}
