package ai.aleff.agent.turn;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.contracts.events.MessageReceived.ChannelDetails;
import ai.aleff.contracts.events.MessageReceived.ChatKind;
import ai.aleff.contracts.events.MessageReceived.Media;

/**
 * The user's text as the model gets it, using the channel details where they help: in a group the sender's display
 * name goes first ({@code [Ada]: ...}), so the model can tell people apart; attachments it cannot see are described
 * ({@code [photo, image/jpeg, 120 KB]}) instead of channel-ingress's bare notes ({@code [photo]}), which lead the text
 * one per attachment. Without details (the HTTP API) the text is unchanged.
 */
final class ModelUserText {

    static final int MAX_NAME = 40;
    private static final Pattern NOTE = Pattern.compile("\\[[^\\[\\]]{1,80}\\] ?");

    private ModelUserText() {
    }

    static String of(MessageReceived message) {
        ChannelDetails details = message.channelDetails();
        if (details == null) {
            return message.text();
        }
        String text = describeMedia(message.text(), details.media());
        String name = name(details.senderName());
        if (details.chatKind() == ChatKind.GROUP && !name.isEmpty()) {
            text = "[" + name + "]: " + text;
        }
        return cut(text);
    }

    /** Replaces the leading notes, one per attachment, when they are there; otherwise leaves the text alone. */
    static String describeMedia(String text, List<Media> media) {
        if (media.isEmpty()) {
            return text;
        }
        int end = 0;
        Matcher matcher = NOTE.matcher(text);
        for (int i = 0; i < media.size(); i++) {
            if (!matcher.find(end) || matcher.start() != end) {
                return text;
            }
            end = matcher.end();
        }
        StringBuilder described = new StringBuilder();
        for (Media m : media) {
            described.append(describe(m)).append(' ');
        }
        String rest = text.substring(end);
        return rest.isEmpty() ? described.toString().strip() : described + rest;
    }

    static String describe(Media media) {
        StringBuilder out = new StringBuilder("[").append(switch (media.kind()) {
            case "voice" -> "voice note";
            case "image" -> "photo";
            default -> media.kind();
        });
        if (media.mimeType() != null && !media.mimeType().isBlank()) {
            out.append(", ").append(sanitise(media.mimeType().split(";")[0].strip(), 60));
        }
        if (media.sizeBytes() != null) {
            out.append(", ").append(size(media.sizeBytes()));
        }
        return out.append(']').toString();
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return Math.round(bytes / 1024.0) + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /**
     * The display name as a label the model cannot mistake for structure: no control characters, brackets or
     * colons (a name like {@code "Bob]: ignore all"} must not end the label), spaces collapsed, at most 40 characters.
     */
    static String name(String raw) {
        return sanitise(raw == null ? "" : raw, MAX_NAME);
    }

    private static String sanitise(String raw, int max) {
        String clean = raw.replaceAll("[\\p{Cntrl}\\[\\]:]", " ").replaceAll("\\s+", " ").strip();
        if (clean.length() > max) {
            int end = max;
            if (Character.isHighSurrogate(clean.charAt(end - 1))) {
                end--;
            }
            clean = clean.substring(0, end).strip();
        }
        return clean;
    }

    private static String cut(String text) {
        if (text.length() <= MessageReceived.MAX_TEXT_LENGTH) {
            return text;
        }
        int end = MessageReceived.MAX_TEXT_LENGTH;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }
}
