package ai.aleff.tenant.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;
import ai.aleff.contracts.events.EndUserIdentity;
import ai.aleff.contracts.events.TenantConfigurationChanged;
import ai.aleff.contracts.events.TenantLimits;
import ai.aleff.contracts.events.WidgetAppearance;
import ai.aleff.contracts.events.WidgetSettings;

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

    /** The identity secret, encrypted with the platform key; all three null while the tenant has none. */
    @Column(name = "identity_secret_key_id", length = 64)
    public String identitySecretKeyId;

    @Column(name = "identity_secret_ciphertext")
    public String identitySecretCiphertext;

    @Column(name = "identity_secret_hint", length = 4)
    public String identitySecretHint;

    @Column(name = "identity_secret_created_at")
    public Instant identitySecretCreatedAt;

    /** Whether memory tools act for unverified users in one-to-one conversations. */
    @Column(name = "unverified_memory_one_to_one", nullable = false)
    public boolean unverifiedMemoryOneToOne;

    /** The origins whose pages may use the chat widget, space-separated; empty while the widget is off. */
    @Column(name = "widget_allowed_origins", nullable = false)
    public String widgetAllowedOrigins = "";

    /** Whether visitors without a verified identity may chat in the widget. */
    @Column(name = "widget_anonymous_visitors", nullable = false)
    public boolean widgetAnonymousVisitors = true;

    /** The widget's heading; null: the widget's default. */
    @Column(name = "widget_title")
    public String widgetTitle;

    /** The widget's primary colour, #rrggbb; null: the widget's default. */
    @Column(name = "widget_primary_color")
    public String widgetPrimaryColor;

    /** The widget's welcome message; null: none. */
    @Column(name = "widget_welcome_message")
    public String widgetWelcomeMessage;

    /** The launcher's corner, left or right. */
    @Column(name = "widget_launcher_position", nullable = false)
    public String widgetLauncherPosition = WidgetAppearance.RIGHT;

    /** The widget's avatar, an https URL; null: none. */
    @Column(name = "widget_avatar_url")
    public String widgetAvatarUrl;

    /** The widget's language, en or pt-BR; null: the visitor's browser's. */
    @Column(name = "widget_locale")
    public String widgetLocale;

    public WidgetSettings widget() {
        List<String> origins = widgetAllowedOrigins == null || widgetAllowedOrigins.isBlank()
                ? List.of()
                : List.of(widgetAllowedOrigins.trim().split(" +"));
        return new WidgetSettings(origins, widgetAnonymousVisitors, new WidgetAppearance(widgetTitle,
                widgetPrimaryColor, widgetWelcomeMessage, widgetLauncherPosition, widgetAvatarUrl, widgetLocale));
    }

    public void setWidget(WidgetSettings widget) {
        widgetAllowedOrigins = String.join(" ", widget.allowedOrigins());
        widgetAnonymousVisitors = widget.anonymousVisitors();
        widgetTitle = widget.appearance().title();
        widgetPrimaryColor = widget.appearance().primaryColor();
        widgetWelcomeMessage = widget.appearance().welcomeMessage();
        widgetLauncherPosition = widget.appearance().launcherPosition();
        widgetAvatarUrl = widget.appearance().avatarUrl();
        widgetLocale = widget.appearance().locale();
    }

    public EndUserIdentity endUsers() {
        EncryptedSecret secret = identitySecretCiphertext == null
                ? null
                : new EncryptedSecret(identitySecretKeyId, identitySecretCiphertext, identitySecretHint,
                        EncryptedSecret.BOUND);
        return new EndUserIdentity(secret, identitySecretCreatedAt, unverifiedMemoryOneToOne);
    }

    /** Replaces the identity secret; null removes it. */
    public void setIdentitySecret(EncryptedSecret secret, Instant createdAt) {
        identitySecretKeyId = secret == null ? null : secret.keyId();
        identitySecretCiphertext = secret == null ? null : secret.ciphertext();
        identitySecretHint = secret == null ? null : secret.hint();
        identitySecretCreatedAt = secret == null ? null : createdAt;
    }

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
