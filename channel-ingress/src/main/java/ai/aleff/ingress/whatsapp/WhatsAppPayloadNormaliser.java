package ai.aleff.ingress.whatsapp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aleff.ingress.channel.InboundMessage;
import ai.aleff.ingress.channel.InboundMessage.ChatKind;
import ai.aleff.ingress.channel.InboundMessage.MediaRef;

/**
 * Reads a WhatsApp Business webhook payload: every entry, every change, every message and status, not only the
 * first (a batch carries several). A change whose {@code metadata.phone_number_id} is not our connection's number is
 * skipped: a Meta app may route several numbers to one URL, and the connection answers only for its own. Text,
 * captions, button and list replies become text; image, audio (voice notes: {@code voice:true}), video, document and
 * sticker become media references (the webhook gives no size: fetched, if at all, later with their own limit);
 * {@code context} is the reply-to. Reactions, system and unsupported messages are skipped. Pure: no I/O.
 *
 * @param phoneNumberId our number's id (the connection's {@code settings.phoneNumberId}); null accepts any number
 */
public record WhatsAppPayloadNormaliser(String phoneNumberId) {

    private static final int MAX_ID_LENGTH = 256;
    private static final Pattern WA_ID = Pattern.compile("[0-9]{1,32}");

    /** A payload that is not a WhatsApp webhook object at all. */
    public static final class MalformedPayloadException extends RuntimeException {

        public MalformedPayloadException(String message) {
            super(message);
        }
    }

    public WhatsAppBatch normalise(JsonNode payload) {
        if (payload == null || !payload.isObject() || !payload.path("entry").isArray()) {
            throw new MalformedPayloadException("a WhatsApp webhook is an object with an entry array");
        }
        List<InboundMessage> messages = new ArrayList<>();
        List<WhatsAppStatus> statuses = new ArrayList<>();
        int skipped = 0;
        if (!"whatsapp_business_account".equals(payload.path("object").asText())) {
            return new WhatsAppBatch(messages, statuses, payload.get("entry").size());
        }
        for (JsonNode entry : payload.get("entry")) {
            for (JsonNode change : entry.path("changes")) {
                JsonNode value = change.path("value");
                if (!"messages".equals(change.path("field").asText()) || !ours(value)) {
                    skipped++;
                    continue;
                }
                Map<String, String> names = names(value.path("contacts"));
                for (JsonNode message : value.path("messages")) {
                    InboundMessage normalised = message(message, names);
                    if (normalised == null) {
                        skipped++;
                    } else {
                        messages.add(normalised);
                    }
                }
                for (JsonNode status : value.path("statuses")) {
                    if (id(status.path("id")) == null) {
                        skipped++;
                        continue;
                    }
                    JsonNode error = status.path("errors").path(0);
                    statuses.add(new WhatsAppStatus(status.get("id").asText(), status.path("status").asText(""),
                            status.path("recipient_id").asText(null), status.path("timestamp").asText(null),
                            error.has("code") ? error.get("code").asText() : null));
                }
            }
        }
        return new WhatsAppBatch(messages, statuses, skipped);
    }

    private boolean ours(JsonNode value) {
        String number = value.path("metadata").path("phone_number_id").asText(null);
        return phoneNumberId == null || phoneNumberId.equals(number);
    }

    private static Map<String, String> names(JsonNode contacts) {
        Map<String, String> names = new HashMap<>();
        for (JsonNode contact : contacts) {
            String waId = contact.path("wa_id").asText(null);
            String name = contact.path("profile").path("name").asText(null);
            if (waId != null && name != null) {
                names.put(waId, name);
            }
        }
        return names;
    }

    private static InboundMessage message(JsonNode message, Map<String, String> names) {
        String wamid = id(message.path("id"));
        String from = id(message.path("from"));
        // The sender's number becomes part of the conversation id: digits (a wa_id), nothing else.
        if (wamid == null || from == null || !WA_ID.matcher(from).matches()) {
            return null;
        }
        String type = message.path("type").asText("");
        String text;
        List<MediaRef> media = new ArrayList<>();
        switch (type) {
            case "text" -> text = message.path("text").path("body").asText("");
            case "button" -> text = message.path("button").path("text").asText("");
            case "interactive" -> {
                JsonNode reply = message.path("interactive").path(message.path("interactive").path("type").asText());
                text = reply.path("title").asText("");
            }
            case "image", "audio", "video", "document", "sticker" -> {
                JsonNode file = message.path(type);
                if (id(file.path("id")) == null) {
                    return null;
                }
                String kind = "audio".equals(type) && file.path("voice").asBoolean(false) ? "voice" : type;
                media.add(new MediaRef(kind, file.get("id").asText(), file.path("mime_type").asText(null), 0));
                text = file.path("caption").asText("");
            }
            default -> {
                return null;
            }
        }
        JsonNode context = message.path("context");
        return new InboundMessage("whatsapp", wamid, wamid, from, names.get(from), false, from, null,
                ChatKind.PRIVATE, text, id(context.path("id")), id(context.path("from")), false, false, media);
    }

    /** A string id of sane length, or null: ids end up in keys, rows and log lines. */
    private static String id(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        String id = node.asText();
        return id.isEmpty() || id.length() > MAX_ID_LENGTH || id.chars().anyMatch(c -> c < 0x21 || c > 0x7e)
                ? null
                : id;
    }
}
