package ai.aleff.ingress.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aleff.ingress.channel.InboundMessage;
import ai.aleff.ingress.channel.InboundMessage.ChatKind;
import ai.aleff.ingress.channel.InboundMessage.MediaRef;

/**
 * Turns a Telegram {@code Update} (https://core.telegram.org/bots/api#update) into an {@link InboundMessage}, or
 * empty when it is nothing the assistant answers: updates other than {@code message} / {@code edited_message}
 * (callbacks, member changes, channel posts...), channel chats, and service messages without text or media.
 * Mentions are read from the {@code entities} (or {@code caption_entities}) Telegram computed: a {@code mention} of
 * our username, a {@code text_mention} of our bot id, or a {@code bot_command} addressed to us ({@code /help@bot});
 * offsets are UTF-16 units, as Java strings count. Pure: no I/O.
 *
 * @param botUsername our bot's username without {@code @}, may be null
 * @param botId our bot's user id, may be null
 * @param maxMediaBytes attachments larger than this keep no file id (Telegram's getFile serves at most 20 MB)
 */
public record TelegramUpdateNormaliser(String botUsername, String botId, long maxMediaBytes) {

    /** An update without a usable {@code update_id}, or not an object at all. */
    public static final class MalformedUpdateException extends RuntimeException {

        public MalformedUpdateException(String message) {
            super(message);
        }
    }

    public Optional<InboundMessage> normalise(JsonNode update) {
        if (update == null || !update.isObject() || !update.path("update_id").canConvertToLong()
                || !update.path("update_id").isIntegralNumber()) {
            throw new MalformedUpdateException("a Telegram update is an object with an integer update_id");
        }
        String updateId = update.get("update_id").asText();
        boolean edited = !update.has("message") && update.has("edited_message");
        JsonNode message = edited ? update.get("edited_message") : update.get("message");
        if (message == null || !message.isObject()) {
            return Optional.empty();
        }
        JsonNode chat = message.path("chat");
        ChatKind kind = switch (chat.path("type").asText()) {
            case "private" -> ChatKind.PRIVATE;
            case "group", "supergroup" -> ChatKind.GROUP;
            default -> null;
        };
        JsonNode from = message.path("from");
        if (kind == null || !chat.path("id").isIntegralNumber() || !from.path("id").isIntegralNumber()
                || !message.path("message_id").isIntegralNumber()) {
            return Optional.empty();
        }
        boolean captioned = !message.has("text");
        String text = message.path(captioned ? "caption" : "text").asText("");
        JsonNode entities = message.path(captioned ? "caption_entities" : "entities");
        // Only a message in a forum topic has its own conversation; reply threads of plain supergroups do not.
        String threadId = message.path("is_topic_message").asBoolean(false)
                && message.path("message_thread_id").isIntegralNumber()
                        ? message.get("message_thread_id").asText()
                        : null;
        JsonNode reply = message.path("reply_to_message");
        String replyToMessageId = reply.path("message_id").isIntegralNumber() ? reply.get("message_id").asText() : null;
        String replyToSenderId = reply.path("from").path("id").isIntegralNumber()
                ? reply.get("from").get("id").asText()
                : null;
        return Optional.of(new InboundMessage("telegram", updateId, message.get("message_id").asText(),
                from.get("id").asText(), name(from), from.path("is_bot").asBoolean(false), chat.get("id").asText(),
                threadId, kind, text, replyToMessageId, replyToSenderId, mentions(text, entities), edited,
                media(message)));
    }

    private boolean mentions(String text, JsonNode entities) {
        if (!entities.isArray()) {
            return false;
        }
        for (JsonNode entity : entities) {
            String type = entity.path("type").asText();
            if ("text_mention".equals(type)) {
                if (botId != null && botId.equals(entity.path("user").path("id").asText(null))) {
                    return true;
                }
                continue;
            }
            if (botUsername == null || !("mention".equals(type) || "bot_command".equals(type))) {
                continue;
            }
            int offset = entity.path("offset").asInt(-1);
            int length = entity.path("length").asInt(-1);
            if (offset < 0 || length <= 0 || offset + length > text.length()) {
                continue;
            }
            String span = text.substring(offset, offset + length);
            String addressed = "mention".equals(type)
                    ? span
                    : span.contains("@") ? span.substring(span.indexOf('@')) : "";
            if (addressed.equalsIgnoreCase("@" + botUsername)) {
                return true;
            }
        }
        return false;
    }

    private List<MediaRef> media(JsonNode message) {
        List<MediaRef> media = new ArrayList<>();
        JsonNode photos = message.path("photo");
        if (photos.isArray() && !photos.isEmpty()) {
            // The sizes come smallest first; the largest one that fits the limit is the useful one.
            JsonNode best = photos.get(photos.size() - 1);
            for (JsonNode size : photos) {
                if (size.path("file_size").asLong(0) <= maxMediaBytes) {
                    best = size;
                }
            }
            add(media, "photo", best, "image/jpeg");
        }
        add(media, "voice", message.get("voice"), "audio/ogg");
        add(media, "audio", message.get("audio"), null);
        add(media, "video", message.get("video"), null);
        add(media, "document", message.get("document"), null);
        return media;
    }

    private void add(List<MediaRef> media, String kind, JsonNode file, String defaultMime) {
        if (file == null || !file.path("file_id").isTextual()) {
            return;
        }
        long size = file.path("file_size").asLong(0);
        // Too large to fetch: kept without its file id, so the assistant can say so instead of ignoring the message.
        media.add(new MediaRef(kind, size > maxMediaBytes ? null : file.get("file_id").asText(),
                file.path("mime_type").asText(defaultMime), size));
    }

    private static String name(JsonNode from) {
        String first = from.path("first_name").asText("");
        String last = from.path("last_name").asText("");
        String full = (first + " " + last).trim();
        return full.isEmpty() ? from.path("username").asText("") : full;
    }
}
