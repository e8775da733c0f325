package ai.aleff.ingress.slack;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aleff.ingress.channel.InboundMessage;
import ai.aleff.ingress.channel.InboundMessage.ChatKind;

/**
 * One Slack {@code event_callback} (from the Events API or a Socket Mode {@code events_api} envelope) as a normalised
 * message, or nothing when it is not one the assistant answers. Answered: {@code message} in a direct message
 * ({@code channel_type} {@code im}) and {@code app_mention} in channels. Not: message subtypes (edits, joins,
 * deletions, {@code bot_message}), anything with a {@code bot_id} (every bot's posts, ours included: loops), and
 * plain channel messages (the same text also arrives as {@code app_mention} when it mentions us, so taking both would
 * answer twice). The dedupe id is {@code event_id}, the one Slack's retries repeat.
 *
 * <p>
 * Threads: a channel mention is answered in its thread ({@code thread_ts}, or the mention's own {@code ts}, which
 * starts one), and the thread is the conversation; a direct message outside a thread is one conversation per DM.
 */
public final class SlackEventNormaliser {

    private SlackEventNormaliser() {
    }

    /** The payload is not an event callback we can read. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }
    }

    /** The message of an {@code event_callback}; empty when it is ignored. */
    public static Optional<InboundMessage> normalise(JsonNode payload, String botUserId) {
        if (payload == null || !payload.isObject()) {
            throw new MalformedEventException("an event is a JSON object");
        }
        String eventId = text(payload, "event_id");
        JsonNode event = payload.get("event");
        if (eventId == null || event == null || !event.isObject()) {
            throw new MalformedEventException("an event_callback has an event_id and an event object");
        }
        String type = text(event, "type");
        boolean mention = "app_mention".equals(type);
        boolean directMessage = "message".equals(type) && "im".equals(text(event, "channel_type"));
        if (!mention && !directMessage) {
            return Optional.empty();
        }
        if (event.hasNonNull("subtype") || event.hasNonNull("bot_id") || event.hasNonNull("bot_profile")) {
            return Optional.empty();
        }
        String user = text(event, "user");
        String channel = text(event, "channel");
        String ts = text(event, "ts");
        if (user == null || channel == null || ts == null) {
            return Optional.empty();
        }
        if (!channel.matches("[A-Z0-9]{1,32}") || !ts.matches("[0-9]{1,12}\\.[0-9]{1,8}")
                || !eventId.matches("[A-Za-z0-9]{1,64}")) {
            throw new MalformedEventException("channel, ts or event_id has an unexpected shape");
        }
        String threadTs = text(event, "thread_ts");
        if (threadTs != null && !threadTs.matches("[0-9]{1,12}\\.[0-9]{1,8}")) {
            throw new MalformedEventException("thread_ts has an unexpected shape");
        }
        String thread = threadTs != null ? threadTs : mention ? ts : null;
        return Optional.of(new InboundMessage("slack", eventId, ts, user, null, false, channel, thread,
                mention ? ChatKind.GROUP : ChatKind.PRIVATE, stripMention(text(event, "text"), botUserId), null, null,
                mention, false, null));
    }

    /** The text without the leading {@code <@BOT>} Slack puts in a mention: the model needs the question. */
    static String stripMention(String text, String botUserId) {
        if (text == null) {
            return "";
        }
        String stripped = botUserId == null ? text : text.replace("<@" + botUserId + ">", "");
        // Slack escapes these three in message text; the model reads the characters.
        return stripped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
