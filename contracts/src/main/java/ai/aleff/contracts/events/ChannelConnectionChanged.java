package ai.aleff.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import ai.aleff.contracts.events.AssistantConfiguration.EncryptedSecret;

/**
 * The current state of one channel connection (a tenant's Telegram bot, WhatsApp number...), published by
 * tenant-service to a compacted topic keyed by connection id: the latest record per connection is the whole truth.
 * Only channel-ingress (and the channel delivery component) subscribes to this topic, so the encrypted credentials
 * it carries never reach agent-worker, tool-executor or audit; even there they travel only as
 * {@link EncryptedSecret}s bound (AES-GCM associated data) to tenant, connection id + credential name and key id.
 *
 * @param tenantId tenant owning the connection
 * @param connectionId unguessable id (128 random bits, base64url without padding); appears in the webhook path
 * @param type which platform
 * @param displayName the administrator's name for the connection
 * @param status {@code ACTIVE}, {@code PAUSED} (keep it, handle nothing) or {@code DELETED} (erase it; the record
 *        then carries no credentials)
 * @param mode how updates arrive: {@code WEBHOOK} (platform pushes; Slack's Events API), {@code POLLING} (Telegram
 *        getUpdates), {@code SOCKET_MODE} (Slack) or {@code GATEWAY} (Discord)
 * @param settings group behaviour and allow-lists; never null
 * @param account who the connection speaks as on the platform (Telegram: the bot's id and username from
 *        {@code getMe}, used to recognise mentions and our own messages); null when unknown
 * @param credentials encrypted secrets by name: {@code botToken} and {@code webhookSecret} (the {@code secret_token}
 *        Telegram echoes in {@code X-Telegram-Bot-Api-Secret-Token}) for Telegram; {@code accessToken},
 *        {@code appSecret} and {@code verifyToken} for WhatsApp; {@code botToken}, {@code signingSecret} and (Socket
 *        Mode) {@code appToken} for Slack; {@code botToken}, {@code publicKey} (the application's Ed25519 key that
 *        verifies {@code X-Signature-Ed25519}) and {@code applicationId} for Discord. Never null; empty when deleted
 * @param version increases with every change, so consumers can ignore stale updates
 * @param changedAt when the change was made
 */
public record ChannelConnectionChanged(String tenantId, String connectionId, Type type, String displayName,
        Status status, Mode mode, Settings settings, Account account, Map<String, EncryptedSecret> credentials,
        long version,
        Instant changedAt) {

    /** Credential name: the Telegram bot token. */
    public static final String BOT_TOKEN = "botToken";
    /** Credential name: the {@code secret_token} we registered with Telegram's {@code setWebhook}. */
    public static final String WEBHOOK_SECRET = "webhookSecret";
    /** Credential name: WhatsApp's (Graph API) access token. */
    public static final String ACCESS_TOKEN = "accessToken";
    /** Credential name: the Meta app secret keying {@code X-Hub-Signature-256}. */
    public static final String APP_SECRET = "appSecret";
    /** Credential name: the verify token of WhatsApp's {@code hub.challenge} handshake. */
    public static final String VERIFY_TOKEN = "verifyToken";
    /** Credential name: the Slack app's signing secret keying {@code X-Slack-Signature} (v0). */
    public static final String SIGNING_SECRET = "signingSecret";
    /** Credential name: the Slack app-level token ({@code xapp-}) that opens Socket Mode connections. */
    public static final String APP_TOKEN = "appToken";
    /** Credential name: the Discord application's public key (64 hex digits, Ed25519) verifying interactions. */
    public static final String PUBLIC_KEY = "publicKey";
    /** Credential name: the Discord application id, which interaction webhooks ({@code /webhooks/{id}/..}) name. */
    public static final String APPLICATION_ID = "applicationId";

    public ChannelConnectionChanged {
        settings = settings == null ? Settings.defaults() : settings;
        credentials = credentials == null ? Map.of() : Map.copyOf(credentials);
    }

    /** The platform of a connection. */
    public enum Type {
        TELEGRAM, WHATSAPP, SLACK, DISCORD
    }

    /** Whether the connection is handled. */
    public enum Status {
        ACTIVE, PAUSED, DELETED
    }

    /**
     * How updates reach the platform: {@code WEBHOOK} (the platform pushes; Slack's Events API), {@code POLLING}
     * (Telegram getUpdates), {@code SOCKET_MODE} (Slack: we hold one WebSocket per app) or {@code GATEWAY} (Discord:
     * we hold one Gateway session per bot).
     */
    public enum Mode {
        WEBHOOK, POLLING, SOCKET_MODE, GATEWAY
    }

    /**
     * The platform account behind a connection.
     *
     * @param id the platform's id for it (Telegram bot user id, WhatsApp phone-number id, Slack bot user id, Discord bot user id)
     * @param username the handle others mention (Telegram bot username without {@code @}; Slack: the bot's
     *        {@code bot_id}, which marks its own messages); may be null
     */
    public record Account(String id, String username) {
    }

    /** When the assistant answers in group chats. */
    public enum GroupBehaviour {
        /** Only when mentioned or replied to. */
        MENTIONED,
        /** Every message. */
        ALWAYS,
        /** Never in groups, only in private chats. */
        NEVER
    }

    /**
     * What the administrator set for the connection.
     *
     * @param groups group behaviour; null reads as {@link GroupBehaviour#MENTIONED}
     * @param allowedChats chat ids allowed to talk to the assistant; empty means every chat
     * @param allowedUsers platform user ids allowed to talk to the assistant; empty means every user
     * @param phoneNumberId WhatsApp's phone-number id (sender of replies, routing of webhooks); null for Telegram
     */
    public record Settings(GroupBehaviour groups, List<String> allowedChats, List<String> allowedUsers,
            String phoneNumberId) {

        public Settings {
            groups = groups == null ? GroupBehaviour.MENTIONED : groups;
            allowedChats = allowedChats == null ? List.of() : List.copyOf(allowedChats);
            allowedUsers = allowedUsers == null ? List.of() : List.copyOf(allowedUsers);
        }

        /** Mention-gated in groups, nobody excluded. */
        public static Settings defaults() {
            return new Settings(GroupBehaviour.MENTIONED, List.of(), List.of(), null);
        }
    }
}
