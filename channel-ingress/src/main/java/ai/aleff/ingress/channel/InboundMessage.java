package ai.aleff.ingress.channel;

import java.util.List;

/**
 * A platform message normalised to what the assistant needs, the same shape for every channel.
 *
 * @param channel the platform ("telegram", "whatsapp")
 * @param dedupeId the platform's unique id used for durable duplicate dropping (Telegram update_id, WhatsApp wamid)
 * @param messageId the platform's message id (for replies and threading)
 * @param senderId the platform's sender id
 * @param senderName the sender's display name, may be empty
 * @param senderIsBot whether the platform marks the sender as a bot
 * @param chatId the conversation (Telegram chat id, WhatsApp sender number)
 * @param threadId the forum topic (Telegram message_thread_id), null outside topics
 * @param kind private (one-to-one) or group
 * @param text the text or caption, empty when there is none
 * @param replyToMessageId the message this one answers, null when none
 * @param replyToSenderId the sender of that message, null when none
 * @param mentionsBot whether the bot was mentioned or replied to
 * @param edited whether this is an edit of an earlier message
 * @param media media references, never null
 */
public record InboundMessage(
        String channel,
        String dedupeId,
        String messageId,
        String senderId,
        String senderName,
        boolean senderIsBot,
        String chatId,
        String threadId,
        ChatKind kind,
        String text,
        String replyToMessageId,
        String replyToSenderId,
        boolean mentionsBot,
        boolean edited,
        List<MediaRef> media) {

    /** Private (one-to-one) or group conversation. */
    public enum ChatKind {
        PRIVATE, GROUP
    }

    /** A reference to a platform-hosted file, fetched later if at all. */
    public record MediaRef(String kind, String fileId, String mimeType, long sizeBytes) {
    }

    public InboundMessage {
        text = text == null ? "" : text;
        senderName = senderName == null ? "" : senderName;
        media = media == null ? List.of() : List.copyOf(media);
    }
}
