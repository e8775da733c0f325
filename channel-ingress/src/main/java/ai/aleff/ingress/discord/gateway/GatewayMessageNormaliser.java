package ai.aleff.ingress.discord.gateway;

import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import ai.aleff.ingress.channel.InboundMessage;
import ai.aleff.ingress.channel.InboundMessage.ChatKind;

/**
 * A Gateway MESSAGE_CREATE as the normalised message, the same shape the interactions and the other channels
 * produce. Taken: ordinary messages and replies (types 0 and 19) of people; a direct message has no
 * {@code guild_id}; in a server the message counts as addressed to the bot when it mentions the bot user (from READY)
 * or replies to one of its messages, and the group gate decides. Dropped before the intake: messages of bots (ours
 * included) and webhooks, and anything whose ids are not snowflakes. The bot's mention ({@code <@id>} or
 * {@code <@!id>}) is taken out of the text.
 */
final class GatewayMessageNormaliser {

    private static final Pattern SNOWFLAKE = Pattern.compile("[0-9]{1,20}");
    private static final int MAX_NAME = 128;

    private GatewayMessageNormaliser() {
    }

    static Optional<InboundMessage> normalise(JsonNode d, String botUserId) {
        int type = d.path("type").asInt(-1);
        String id = text(d, "id");
        String channelId = text(d, "channel_id");
        JsonNode author = d.path("author");
        String authorId = text(author, "id");
        if (type != 0 && type != 19 || !snowflake(id) || !snowflake(channelId) || !snowflake(authorId)) {
            return Optional.empty();
        }
        if (author.path("bot").asBoolean(false) || authorId.equals(botUserId) || d.hasNonNull("webhook_id")) {
            return Optional.empty();
        }
        String guildId = text(d, "guild_id");
        if (guildId != null && !snowflake(guildId)) {
            return Optional.empty();
        }
        boolean mentioned = false;
        for (JsonNode mention : d.path("mentions")) {
            mentioned |= botUserId != null && botUserId.equals(text(mention, "id"));
        }
        JsonNode referenced = d.path("referenced_message");
        String replyTo = text(d.path("message_reference"), "message_id");
        String replyToSender = text(referenced.path("author"), "id");
        boolean replyToBot = botUserId != null && botUserId.equals(replyToSender);
        String name = text(author, "global_name");
        if (name == null || name.isBlank()) {
            name = text(author, "username");
        }
        String content = d.path("content").asText("");
        if (botUserId != null) {
            content = content.replace("<@" + botUserId + ">", "").replace("<@!" + botUserId + ">", "");
        }
        return Optional.of(new InboundMessage("discord", id, id, authorId, clean(name), false, channelId, null,
                guildId == null ? ChatKind.PRIVATE : ChatKind.GROUP, content.strip(),
                snowflake(replyTo) ? replyTo : null, snowflake(replyToSender) ? replyToSender : null,
                guildId == null || mentioned || replyToBot, false, null));
    }

    private static boolean snowflake(String value) {
        return value != null && SNOWFLAKE.matcher(value).matches();
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
