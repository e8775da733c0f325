package ai.aleff.contracts.events;

import java.time.Instant;

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
 */
public record MessageReceived(String messageId, String tenantId, String conversationId, String userId, String channel,
        String clientMessageId, String text, Instant receivedAt) {

    /** Largest accepted message text, in characters (documented in the API and the schema). */
    public static final int MAX_TEXT_LENGTH = 16_000;
}
