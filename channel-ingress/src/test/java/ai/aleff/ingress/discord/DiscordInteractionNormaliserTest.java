package ai.aleff.ingress.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aleff.ingress.channel.ChannelConversations;
import ai.aleff.ingress.channel.InboundMessage;
import ai.aleff.ingress.channel.InboundMessage.ChatKind;
import ai.aleff.ingress.discord.DiscordInteractionNormaliser.MalformedInteractionException;

class DiscordInteractionNormaliserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMembersAskInAServerIsAGroupMentionInTheirOwnConversation() {
        // Given an /ask of a member in a server channel
        DiscordInteraction interaction = read("""
                {"id":"1180000000000000001","application_id":"1170000000000000000","type":2,"token":"aW50.ZX-J_h",
                 "guild_id":"1190000000000000001","channel_id":"1200000000000000001",
                 "member":{"user":{"id":"1210000000000000001","username":"ada","global_name":"Ada \\u0007L."}},
                 "data":{"name":"ask","type":1,"options":[{"name":"question","type":3,"value":"  Why?  "}]}}""");
        // When it becomes the message the assistant answers
        InboundMessage message = DiscordInteractionNormaliser.message(interaction);
        // Then it is a mention in a group, by the member (control characters removed from the name), with the
        // trimmed question, deduplicated on the interaction id, in the member's conversation of that channel
        assertThat(interaction.command()).isEqualTo("ask");
        assertThat(message.kind()).isEqualTo(ChatKind.GROUP);
        assertThat(message.mentionsBot()).isTrue();
        assertThat(message.senderName()).isEqualTo("Ada L.");
        assertThat(message.text()).isEqualTo("Why?");
        assertThat(message.dedupeId()).isEqualTo("1180000000000000001");
        assertThat(ChannelConversations.idFor("conn", message))
                .isEqualTo("dc:conn:1200000000000000001:1210000000000000001");
        assertThat(interaction.toString()).doesNotContain("aW50");
    }

    @Test
    void aDirectMessageTakesTheUserAndTheChannelObjectAndIsOneConversationPerDm() {
        // Given an /ask in a DM: user at the top level, the channel only as an object, no global name
        DiscordInteraction interaction = read("""
                {"id":"1180000000000000002","application_id":"1170000000000000000","type":2,"token":"tok",
                 "channel":{"id":"1200000000000000002","type":1},
                 "user":{"id":"1210000000000000002","username":"grace","global_name":null},
                 "data":{"name":"ask","options":[{"name":"question","type":3,"value":"hi"}]}}""");
        InboundMessage message = DiscordInteractionNormaliser.message(interaction);
        // Then it is private, named by the username, and the conversation is the DM channel's
        assertThat(message.kind()).isEqualTo(ChatKind.PRIVATE);
        assertThat(message.senderName()).isEqualTo("grace");
        assertThat(ChannelConversations.idFor("conn", message)).isEqualTo("dc:conn:1200000000000000002");
    }

    @Test
    void hostileOrIncompleteInteractionsAreMalformedAndAPingNeedsOnlyItsType() {
        // Then a PING without ids is read, and ids that are no snowflakes, a token with a slash, a missing user or
        // a non-numeric type are malformed
        assertThat(read("{\"type\":1}").type()).isEqualTo(DiscordInteraction.PING);
        String ok = "{\"id\":\"1\",\"application_id\":\"2\",\"type\":2,\"token\":\"t\",\"channel_id\":\"3\","
                + "\"user\":{\"id\":\"4\"}}";
        assertThat(read(ok).question()).isNull();
        for (String bad : new String[]{ok.replace("\"3\"", "\"../3\""), ok.replace("\"t\"", "\"t/../x\""),
                ok.replace("\"1\"", "\"1e9\""), ok.replace(",\"user\":{\"id\":\"4\"}", ""),
                ok.replace("\"type\":2", "\"type\":\"2\""), ok.replace("\"channel_id\":\"3\",", "")}) {
            assertThatThrownBy(() -> read(bad)).isInstanceOf(MalformedInteractionException.class);
        }
        assertThatThrownBy(() -> DiscordInteractionNormaliser.parse(JSON, "[]".getBytes()))
                .isInstanceOf(MalformedInteractionException.class);
    }

    private static DiscordInteraction read(String json) {
        return DiscordInteractionNormaliser.read(DiscordInteractionNormaliser.parse(JSON, json.getBytes()));
    }
}
