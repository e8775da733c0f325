package ai.aleff.ingress.repository;

import java.time.Instant;

/**
 * Where an accepted channel message came from ({@code ingress.channel_message}): what a reply to it needs.
 *
 * @param messageId our {@code MessageReceived.messageId} (a reply's {@code inReplyTo})
 * @param channel {@code telegram} or {@code whatsapp}
 * @param chatId the platform chat (Telegram chat id, WhatsApp sender's wa_id)
 * @param threadId the Telegram forum topic, null outside topics
 * @param platformMessageId the platform's id of the message (Telegram message_id, WhatsApp wamid), to reply to it
 * @param senderId the platform's sender id
 */
public record ChannelMessage(String tenantId, String messageId, String conversationId, String connectionId,
        String channel, String chatId, String threadId, String platformMessageId, String senderId,
        Instant receivedAt) {
}
