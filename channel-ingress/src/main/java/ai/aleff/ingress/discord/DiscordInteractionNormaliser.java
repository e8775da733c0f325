package ai.aleff.ingress.discord;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aleff.ingress.channel.InboundMessage;
import ai.aleff.ingress.channel.InboundMessage.ChatKind;

/**
 * Reads a verified interaction payload into a {@link DiscordInteraction}, and an {@code /ask} into the normalised
 * message. Every id that goes into a URL or a key is checked for Discord's shape (snowflakes are digits; the token
 * base64url with dots), so nothing hostile reaches a path. A slash command is addressed to the bot, so it counts as a
 * mention for group gating. The user is {@code member.user} in a server and {@code user} in a direct message.
 */
public final class DiscordInteractionNormaliser {

    private static final String SNOWFLAKE = "[0-9]{1,20}";
    private static final int MAX_NAME = 128;

    private DiscordInteractionNormaliser() {
    }

    /** The payload is not an interaction we can read. */
    public static final class MalformedInteractionException extends RuntimeException {
        public MalformedInteractionException(String message) {
            super(message);
        }
    }

    /** Parses raw JSON into an object node; fails with {@link MalformedInteractionException} otherwise. */
    public static JsonNode parse(ObjectMapper json, byte[] raw) {
        try {
            JsonNode node = json.readTree(raw);
            if (node == null || !node.isObject()) {
                throw new MalformedInteractionException("the body is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new MalformedInteractionException("the body is not valid JSON");
        }
    }

    /** The interaction; a PING needs only its type, everything else its ids and token. */
    public static DiscordInteraction read(JsonNode payload) {
        JsonNode type = payload.get("type");
        if (type == null || !type.isInt()) {
            throw new MalformedInteractionException("an interaction has a numeric type");
        }
        if (type.asInt() == DiscordInteraction.PING) {
            return new DiscordInteraction(text(payload, "id"), text(payload, "application_id"), 1, null, null, null,
                    null, "", false, null, null);
        }
        String id = required(payload, "id", SNOWFLAKE);
        String applicationId = required(payload, "application_id", SNOWFLAKE);
        String token = required(payload, "token", "[A-Za-z0-9._-]{1,1024}");
        String channelId = text(payload, "channel_id");
        if (channelId == null) {
            channelId = text(payload.path("channel"), "id");
        }
        if (channelId == null || !channelId.matches(SNOWFLAKE)) {
            throw new MalformedInteractionException("channel_id is missing or not a snowflake");
        }
        String guildId = text(payload, "guild_id");
        if (guildId != null && !guildId.matches(SNOWFLAKE)) {
            throw new MalformedInteractionException("guild_id is not a snowflake");
        }
        JsonNode user = payload.path("member").path("user");
        if (!user.isObject()) {
            user = payload.path("user");
        }
        String userId = text(user, "id");
        if (userId == null || !userId.matches(SNOWFLAKE)) {
            throw new MalformedInteractionException("the interaction has no user (member.user or user) with an id");
        }
        String name = text(user, "global_name");
        if (name == null || name.isBlank()) {
            name = text(user, "username");
        }
        JsonNode data = payload.path("data");
        String command = type.asInt() == DiscordInteraction.APPLICATION_COMMAND ? text(data, "name") : null;
        return new DiscordInteraction(id, applicationId, type.asInt(), token, channelId, guildId, userId,
                clean(name), user.path("bot").asBoolean(false), command, question(data));
    }

    /** The {@code /ask} as the message the assistant answers. */
    public static InboundMessage message(DiscordInteraction interaction) {
        boolean inGuild = interaction.guildId() != null;
        return new InboundMessage("discord", interaction.id(), interaction.id(), interaction.userId(),
                interaction.userName(), interaction.userIsBot(), interaction.channelId(), null,
                inGuild ? ChatKind.GROUP : ChatKind.PRIVATE, interaction.question() == null
                        ? ""
                        : interaction.question().strip(),
                null, null, true, false, null);
    }

    /** The value of the string option {@code question} (type 3), null when there is none. */
    private static String question(JsonNode data) {
        for (JsonNode option : data.path("options")) {
            if (DiscordInteraction.QUESTION.equals(text(option, "name")) && option.path("type").asInt() == 3) {
                return text(option, "value");
            }
        }
        return null;
    }

    private static String required(JsonNode node, String field, String pattern) {
        String value = text(node, field);
        if (value == null || !value.matches(pattern)) {
            throw new MalformedInteractionException(field + " is missing or has an unexpected shape");
        }
        return value;
    }

    private static String clean(String name) {
        if (name == null) {
            return "";
        }
        String cleaned = name.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return cleaned.length() > MAX_NAME ? cleaned.substring(0, MAX_NAME) : cleaned;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
