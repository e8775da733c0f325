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
 * @param userVerified whether the channel vouched for {@code userId} (on the HTTP API: a valid {@code userHash}, an
 *        HMAC of the user id with the tenant's identity secret); false otherwise, and in records published before the
 *        field existed. Memory tools act only for verified users unless the tenant allows unverified ones in
 *        one-to-one conversations.
 */
public record MessageReceived(String messageId, String tenantId, String conversationId, String userId, String channel,
        String clientMessageId, String text, Instant receivedAt, boolean userVerified) {

    /** A message whose user nobody vouched for. */
    public MessageReceived(String messageId, String tenantId, String conversationId, String userId, String channel,
            String clientMessageId, String text, Instant receivedAt) {
        this(messageId, tenantId, conversationId, userId, channel, clientMessageId, text, receivedAt, false);
    }

    /** Largest accepted message text, in characters (documented in the API and the schema). */
    public static final int MAX_TEXT_LENGTH = 16_000;
}
