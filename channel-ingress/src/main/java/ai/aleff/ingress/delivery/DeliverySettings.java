package ai.aleff.ingress.delivery;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Delivery of replies to Telegram and WhatsApp (docs/channels.md, "Delivery"). */
@ConfigMapping(prefix = "aleff.channels.delivery")
public interface DeliverySettings {

    /** Attempts per part (the first included) for failures that count; then the reply fails and is dead-lettered. */
    @WithDefault("5")
    int maxAttempts();

    /** Wait before the second attempt; doubles per attempt. */
    @WithDefault("1s")
    Duration firstBackoff();

    /** Longest wait between two attempts. */
    @WithDefault("30s")
    Duration maxBackoff();

    /** Longest wait the platform may ask for ({@code retry_after}); a longer one fails the part. */
    @WithDefault("5m")
    Duration maxWait();

    /** How long one send call may take before its answer is given up on (connect included). */
    @WithDefault("10s")
    Duration requestTimeout();

    /** A part claimed (SENDING) longer than this has lost its sender: it becomes UNCONFIRMED. Above requestTimeout. */
    @WithDefault("30s")
    Duration claimTimeout();

    /** Spacing of messages to one Telegram private chat (Telegram: about one a second). */
    @WithDefault("1s")
    Duration telegramChatGap();

    /** Spacing of messages to one Telegram group (Telegram: 20 a minute). */
    @WithDefault("3s")
    Duration telegramGroupGap();

    /** Spacing of all messages of one bot (Telegram: about 30 a second). */
    @WithDefault("34ms")
    Duration telegramBotGap();

    /** Spacing of all messages of one WhatsApp business number (Cloud API: 80 a second by default). */
    @WithDefault("13ms")
    Duration whatsappNumberGap();

    /** Spacing of messages from one number to one WhatsApp user (the pair rate limit). */
    @WithDefault("1s")
    Duration whatsappUserGap();

    /** WhatsApp's customer-service window: free-form replies only this long after the user's last message. */
    @WithDefault("24h")
    Duration whatsappWindow();

    /** Replies delivered at once by one instance (shared among tenants). */
    @WithDefault("32")
    int concurrency();

    /** Least share of {@link #concurrency()} a tenant gets. */
    @WithDefault("2")
    int minTenantShare();

    /** Replies taken in (queued or being delivered) at most. */
    @WithDefault("1000")
    int maxQueued();

    /**
     * Repeat Telegram's {@code sendChatAction typing} this often while a reply is awaited (Telegram shows it for 5 s
     * or until the bot sends).
     */
    @WithDefault("4s")
    Duration typingInterval();

    /**
     * Typing is shown at most this long after the user's message was received; older messages (a consumer catching up
     * after a restart) get none.
     */
    @WithDefault("60s")
    Duration typingCap();

    /** How long one typing call may take; it is cosmetic, so it is given up on sooner than a send. */
    @WithDefault("3s")
    Duration typingRequestTimeout();

    /** Typing indicators and WhatsApp's mark-as-read on or off. */
    @WithDefault("true")
    boolean typingEnabled();

    /** Send records are kept this long after their last change, then purged. */
    @WithDefault("7d")
    Duration sendRecordRetention();

    /** Rate slots are purged once their time is this long past (a passed slot holds nothing back). */
    @WithDefault("1h")
    Duration rateSlotRetention();
}
