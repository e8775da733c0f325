package ai.aleff.ingress.voice;

/**
 * A recorded voice note ({@code ingress.voice_note}).
 *
 * @param messageId the id its MessageReceived gets (reserved with the platform's dedupe key)
 * @param fileId the platform's file id (Telegram file_id, WhatsApp media id); never logged
 * @param caption text sent with the note (Telegram audio caption), empty when none
 * @param attempts attempts so far, this claim included
 */
public record VoiceNote(String tenantId, String messageId, String conversationId, String connectionId,
        String channel, String userId, String clientMessageId, String fileId, String mimeType, long sizeBytes,
        String caption, int attempts) {
}
