package ai.aleff.tenant.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.contracts.events.TenantLimits;

/** A tenant row. Its API keys are rows of their own ({@link ApiKeyEntity}). */
@Entity
@Table(name = "tenants", schema = "tenant")
public class TenantEntity {

    @Id
    public UUID id;

    @Column(nullable = false, length = 200)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    public TenantConfigurationChanged.Status status;

    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The current assistant configuration version; null while the platform defaults apply. */
    @Column(name = "assistant_version")
    public Long assistantVersion;

    /** When the tenant was deleted; null while it exists. */
    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** The tenant's own limits at ingress; null = the platform default. */
    @Column(name = "limit_messages_per_minute")
    public Integer limitMessagesPerMinute;

    @Column(name = "limit_messages_per_minute_per_key")
    public Integer limitMessagesPerMinutePerKey;

    @Column(name = "limit_concurrent_streams")
    public Integer limitConcurrentStreams;

    @Column(name = "limit_conversations_per_day")
    public Integer limitConversationsPerDay;

    @Column(name = "limit_tokens_per_day")
    public Long limitTokensPerDay;

    @Column(name = "limit_tokens_per_month")
    public Long limitTokensPerMonth;

    public TenantLimits limits() {
        return new TenantLimits(limitMessagesPerMinute, limitMessagesPerMinutePerKey, limitConcurrentStreams,
                limitConversationsPerDay, limitTokensPerDay, limitTokensPerMonth);
    }

    public void setLimits(TenantLimits limits) {
        limitMessagesPerMinute = limits.messagesPerMinute();
        limitMessagesPerMinutePerKey = limits.messagesPerMinutePerKey();
        limitConcurrentStreams = limits.concurrentStreams();
        limitConversationsPerDay = limits.conversationsPerDay();
        limitTokensPerDay = limits.tokensPerDay();
        limitTokensPerMonth = limits.tokensPerMonth();
    }

    public boolean deleted() {
        return status == TenantConfigurationChanged.Status.DELETED;
    }

    /** A new, active tenant at its first configuration version. */
    public static TenantEntity newActive(UUID id, String name, Instant createdAt) {
        TenantEntity tenant = new TenantEntity();
        tenant.id = id;
        tenant.name = name;
        tenant.status = TenantConfigurationChanged.Status.ACTIVE;
        tenant.version = 1;
        tenant.createdAt = createdAt;
        return tenant;
    }
}
