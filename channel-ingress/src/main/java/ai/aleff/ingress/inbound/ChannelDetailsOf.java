package ai.aleff.ingress.inbound;

import ai.aleff.contracts.events.MessageReceived.ChannelDetails;
import ai.aleff.contracts.events.MessageReceived.ChatKind;
import ai.aleff.contracts.events.MessageReceived.Media;
import ai.aleff.ingress.channel.InboundMessage;

/**
 * The channel details a {@code MessageReceived} carries for a platform message: sender name (cut to 128 characters,
 * control characters removed), chat kind, forum topic, reply-to, mention, and each attachment's kind, MIME type and
 * size. Never a platform file id: that stays in ingress.
 */
final class ChannelDetailsOf {

    static final int MAX_NAME = 128;
    static final int MAX_MEDIA = 20;

    private ChannelDetailsOf() {
    }

    static ChannelDetails of(InboundMessage message) {
        return new ChannelDetails(name(message.senderName()),
                message.kind() == InboundMessage.ChatKind.GROUP ? ChatKind.GROUP : ChatKind.PRIVATE,
                message.threadId(), message.replyToMessageId(), message.mentionsBot(),
                message.media().stream().limit(MAX_MEDIA)
                        .map(m -> new Media(m.kind(), m.mimeType() == null || m.mimeType().length() > 255
                                ? null
                                : m.mimeType(), m.sizeBytes() > 0 ? m.sizeBytes() : null))
                        .toList());
    }

    static String name(String raw) {
        String clean = raw == null ? "" : raw.replaceAll("\\p{Cntrl}", " ").strip();
        if (clean.length() > MAX_NAME) {
            int end = MAX_NAME;
            if (Character.isHighSurrogate(clean.charAt(end - 1))) {
                end--;
            }
            clean = clean.substring(0, end);
        }
        return clean;
    }
}
