package ai.aleff.ingress.channel;

/**
 * The conversation id of a channel chat, the one place that defines it: deterministic, so every message of a chat
 * (or of one forum topic of it) lands in the same conversation across instances and restarts, and distinct per
 * connection, so two bots of one tenant in the same group keep separate conversations. Within the API's id shape
 * ({@code [A-Za-z0-9._:@-]{1,128}}): a connection id is 22 base64url characters, a chat id a (signed) number or a phone
 * number, a topic id a number.
 */
public final class ChannelConversations {

    private ChannelConversations() {
    }

    /** {@code tg:<connectionId>:<chatId>} or, in a forum topic, {@code tg:<connectionId>:<chatId>:<threadId>}. */
    public static String telegram(String connectionId, String chatId, String threadId) {
        return "tg:" + connectionId + ":" + chatId + (threadId == null ? "" : ":" + threadId);
    }

    /** {@code wa:<connectionId>:<waId>}: a WhatsApp conversation is the user's number on our number. */
    public static String whatsapp(String connectionId, String waId) {
        return "wa:" + connectionId + ":" + waId;
    }

    /**
     * {@code sl:<connectionId>:<channelId>} or, in a thread, {@code sl:<connectionId>:<channelId>:<thread_ts>}: a Slack
     * thread is its own conversation (the reply goes into it).
     */
    public static String slack(String connectionId, String channelId, String threadTs) {
        return "sl:" + connectionId + ":" + channelId + (threadTs == null ? "" : ":" + threadTs);
    }

    /**
     * {@code dc:<connectionId>:<channelId>} for a direct message, {@code dc:<connectionId>:<channelId>:<userId>} in a
     * server channel: a slash command is one member's question, so members of one channel keep separate
     * conversations (and memories) with the assistant.
     */
    public static String discord(String connectionId, String channelId, String guildUserId) {
        return "dc:" + connectionId + ":" + channelId + (guildUserId == null ? "" : ":" + guildUserId);
    }

    /** The conversation of a normalised message of any channel. */
    public static String idFor(String connectionId, InboundMessage message) {
        return switch (message.channel()) {
            case "telegram" -> telegram(connectionId, message.chatId(), message.threadId());
            case "whatsapp" -> whatsapp(connectionId, message.chatId());
            case "slack" -> slack(connectionId, message.chatId(), message.threadId());
            case "discord" -> discord(connectionId, message.chatId(),
                    message.kind() == InboundMessage.ChatKind.GROUP ? message.senderId() : null);
            default -> throw new IllegalArgumentException("no channel conversations for " + message.channel());
        };
    }

    /**
     * The idempotency key of a platform update ({@code tg:<connectionId>:<update_id>},
     * {@code wa:<connectionId>:<wamid>}): reserved once in {@code ingress.client_message}, so the platform's retries,
     * a redelivery after our restart and a second instance all map to the one message first reserved for it.
     */
    public static String dedupeKey(String connectionId, InboundMessage message) {
        return prefix(message.channel()) + connectionId + ":" + message.dedupeId();
    }

    /** The short prefix of a channel's ids ({@code tg:}, {@code wa:}, {@code sl:}, {@code dc:}). */
    public static String prefix(String channel) {
        return switch (channel) {
            case "telegram" -> "tg:";
            case "slack" -> "sl:";
            case "discord" -> "dc:";
            default -> "wa:";
        };
    }
}
