package ai.aleff.ingress.inbound;

import java.util.ArrayList;
import java.util.List;

import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.ingress.channel.InboundMessage;
import ai.aleff.ingress.channel.InboundMessage.MediaRef;

/**
 * The text the assistant sees for a channel message: its text or caption, with a bracketed note per attachment (the
 * inbound event carries text only; voice notes are not transcribed here), cut to the event's limit.
 */
final class MessageTexts {

    private MessageTexts() {
    }

    static String of(InboundMessage message) {
        List<String> parts = new ArrayList<>();
        for (MediaRef media : message.media()) {
            parts.add("[" + switch (media.kind()) {
                case "voice" -> "voice note";
                case "photo", "image" -> "photo";
                default -> media.kind();
            } + (media.fileId() == null ? ", too large" : "") + "]");
        }
        if (!message.text().isBlank()) {
            parts.add(message.text());
        }
        String text = String.join(" ", parts);
        if (text.length() > MessageReceived.MAX_TEXT_LENGTH) {
            int end = MessageReceived.MAX_TEXT_LENGTH;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            text = text.substring(0, end);
        }
        return text;
    }
}
