package ai.aleff.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * A user's message, normalised by channel-ingress from whatever channel it arrived on.
 *
 * @param messageId platform-assigned id; also the CloudEvent id, so consumers deduplicate on it
 * @param tenantId owning tenant
 * @param conversationId conversation chosen by the channel or integrator, unique within the tenant
 * @param userId end user within the tenant
 * @param channel channel the message arrived on, e.g. {@code api}
 * @param clientMessageId the sender's idempotency key, when it gave one
 * @param text message text, at most {@link #MAX_TEXT_LENGTH} characters
 * @param receivedAt when ingress accepted it
 * @param userVerified whether the channel vouched for {@code userId} (on the HTTP API: a valid {@code userHash}, an
 *        HMAC of the user id with the tenant's identity secret); false otherwise, and in records published before the
 *        field existed. Memory tools act only for verified users unless the tenant allows unverified ones in
 *        one-to-one conversations.
 * @param channelDetails what the messaging channel (Telegram, WhatsApp) said about the message beyond its text; null
 *        on the HTTP API and in records published before the field existed
 */
public record MessageReceived(String messageId, String tenantId, String conversationId, String userId, String channel,
        String clientMessageId, String text, Instant receivedAt, boolean userVerified, ChannelDetails channelDetails) {

    /** A message without channel details (the HTTP API). */
    public MessageReceived(String messageId, String tenantId, String conversationId, String userId, String channel,
            String clientMessageId, String text, Instant receivedAt, boolean userVerified) {
        this(messageId, tenantId, conversationId, userId, channel, clientMessageId, text, receivedAt, userVerified,
                null);
    }

    /** A message whose user nobody vouched for. */
    public MessageReceived(String messageId, String tenantId, String conversationId, String userId, String channel,
            String clientMessageId, String text, Instant receivedAt) {
        this(messageId, tenantId, conversationId, userId, channel, clientMessageId, text, receivedAt, false);
    }

    /**
     * A messaging channel's details of the message. No platform file id and no secret: media are described, not
     * addressable.
     *
     * @param senderName the sender's display name as the platform gave it (at most 128 characters), may be empty
     * @param chatKind one-to-one or group conversation
     * @param topicId the forum topic (Telegram message_thread_id), null outside topics
     * @param replyToMessageId the platform's id of the message this one answers, null when none
     * @param botMentioned whether the text mentions the bot (a reply to the bot's message shows in
    *        {@code replyToMessageId}, not here)
     * @param media the attachments, never null
     */
    public record ChannelDetails(String senderName, ChatKind chatKind, String topicId, String replyToMessageId,
            boolean botMentioned, List<Media> media) {

        public ChannelDetails {
            media = media == null ? List.of() : List.copyOf(media);
        }
    }

    /** One-to-one or group conversation. */
    public enum ChatKind {
        PRIVATE, GROUP
    }

    /**
     * An attachment the assistant cannot see.
     *
     * @param kind {@code photo}, {@code voice}, {@code audio}, {@code video}, {@code document}, {@code sticker}...
     * @param mimeType the platform's MIME type, null when it gave none
     * @param sizeBytes the size, null when the platform gave none
     */
    public record Media(String kind, String mimeType, Long sizeBytes) {
    }

    /** Largest accepted message text, in characters (documented in the API and the schema). */
    public static final int MAX_TEXT_LENGTH = 16_000;
}
