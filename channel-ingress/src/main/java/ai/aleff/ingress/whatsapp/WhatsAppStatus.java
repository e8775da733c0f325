package ai.aleff.ingress.whatsapp;

/**
 * A delivery receipt of one of our sends ({@code statuses[]} of a WhatsApp webhook), not a user message.
 *
 * @param wamid the id Meta gave our send
 * @param status {@code sent}, {@code delivered}, {@code read} or {@code failed}
 * @param recipientId the user's wa_id
 * @param timestamp Meta's Unix time in seconds, as sent
 * @param errorCode the first error's code for {@code failed}, else null
 */
public record WhatsAppStatus(String wamid, String status, String recipientId, String timestamp, String errorCode) {
}
