package ai.aleff.ingress.delivery;

/**
 * One part of a reply as its send record ({@code ingress.channel_delivery}) holds it.
 *
 * @param body the part in the channel's format (Telegram HTML, WhatsApp text)
 * @param plainBody the same part without markup, sent when Telegram cannot parse the HTML
 * @param state {@code PENDING}, {@code SENDING}, {@code SENT}, {@code UNCONFIRMED} or {@code FAILED}
 * @param waitSeconds how long until {@code next_attempt_at}, by the database's clock (negative = due)
 * @param claimAgeSeconds how long ago the part was claimed, by the database's clock; 0 when never claimed
 * @param mediaUrl the image a photo part sends ({@code body} its caption), null for text
 */
public record SendPart(String tenantId, String replyId, int index, int count, String conversationId,
        String connectionId, String channel, String chatId, String threadId, String replyTo, String body,
        String plainBody, String state, int attempts, double waitSeconds, double claimAgeSeconds, String mediaUrl) {

    /** A text part. */
    public SendPart(String tenantId, String replyId, int index, int count, String conversationId, String connectionId,
            String channel, String chatId, String threadId, String replyTo, String body, String plainBody,
            String state, int attempts, double waitSeconds, double claimAgeSeconds) {
        this(tenantId, replyId, index, count, conversationId, connectionId, channel, chatId, threadId, replyTo, body,
                plainBody, state, attempts, waitSeconds, claimAgeSeconds, null);
    }

    public static final String PENDING = "PENDING";
    public static final String SENDING = "SENDING";
    public static final String SENT = "SENT";
    public static final String UNCONFIRMED = "UNCONFIRMED";
    public static final String FAILED = "FAILED";

    /** Whether nothing more will be done with the part. */
    public boolean settled() {
        return SENT.equals(state) || UNCONFIRMED.equals(state) || FAILED.equals(state);
    }
}
