package ai.aleff.ingress.service;

import ai.aleff.contracts.events.MessageReceived.ChannelDetails;

/**
 * A validated user message from any channel, ready to be accepted.
 *
 * @param clientMessageId the sender's idempotency key, or null
 * @param userVerified whether the channel vouched for the user id
 * @param details what a messaging channel said about the message (sender name, chat kind, media...), null on the API
 */
public record NewMessage(String tenantId, String conversationId, String userId, String channel,
        String clientMessageId, String text, boolean userVerified, ChannelDetails details) {

    /** A message without channel details. */
    public NewMessage(String tenantId, String conversationId, String userId, String channel, String clientMessageId,
            String text, boolean userVerified) {
        this(tenantId, conversationId, userId, channel, clientMessageId, text, userVerified, null);
    }
}
