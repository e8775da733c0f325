package ai.aleff.ingress.limits;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import ai.aleff.ingress.repository.MessageHit;
import ai.aleff.ingress.repository.RateWindowRepository;
import ai.aleff.platform.limits.EffectiveLimits;
import ai.aleff.platform.metrics.PlatformMeters;

/**
 * Counts a posted message against its tenant's limits before anything else happens to it: a refused message is
 * neither reserved (its clientMessageId stays free for the retry) nor published, and counts against nothing.
 */
@ApplicationScoped
public class MessageLimits {

    static final String TENANT_MINUTE = "messages-per-minute";
    static final String KEY_MINUTE = "messages-per-minute-per-key";
    static final String CONVERSATIONS_DAY = "conversations-per-day";

    private final RateWindowRepository windows;
    private final TenantLimitsLookup limits;
    private final MessageHit.Pace pace;

    private final PlatformMeters meters;

    public MessageLimits(RateWindowRepository windows, TenantLimitsLookup limits, RateLimitSettings settings,
            PlatformMeters meters) {
        this.meters = meters;
        this.windows = windows;
        this.limits = limits;
        this.pace = new MessageHit.Pace(Math.min(1.0, Math.max(0.01, settings.burstFraction())),
                Math.max(1, settings.minBurst()));
    }

    /** Completes when the message may go on; fails with {@link RateLimitedException} when a limit refuses it. */
    public Uni<Void> admit(String tenantId, String keyHash, String conversationId) {
        EffectiveLimits effective = limits.of(tenantId);
        MessageHit hit = new MessageHit(tenantId, conversationId, List.of(
                new MessageHit.Counter(KEY_MINUTE, keyHash, "minute", effective.messagesPerMinutePerKey(), false,
                        pace),
                new MessageHit.Counter(TENANT_MINUTE, tenantId, "minute", effective.messagesPerMinute(), false,
                        pace),
                new MessageHit.Counter(CONVERSATIONS_DAY, tenantId, "day", effective.conversationsPerDay(), true)));
        return windows.admitMessage(hit).map(refused -> {
            if (refused.isPresent()) {
                meters.refused(refused.get().counter(), tenantId);
                throw new RateLimitedException(refused.get());
            }
            return null;
        });
    }
}
