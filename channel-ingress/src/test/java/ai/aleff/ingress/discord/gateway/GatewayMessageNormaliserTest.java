package ai.aleff.ingress.discord.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aleff.ingress.channel.InboundMessage;
import ai.aleff.ingress.channel.InboundMessage.ChatKind;

class GatewayMessageNormaliserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOT = "1170000000000000001";

    @Test
    void aDirectMessageIsAPrivateChatAddressedToTheBot() {
        // Given a MESSAGE_CREATE without guild_id
        JsonNode d = read("""
                {"id":"1300000000000000001","channel_id":"1200000000000000001","type":0,"content":"hello",
                 "author":{"id":"1100000000000000001","username":"ada","global_name":"Ada"},"mentions":[]}""");

        // When it is normalised
        InboundMessage m = GatewayMessageNormaliser.normalise(d, BOT).orElseThrow();

        // Then it is the user's private chat with the bot, deduplicated on the message id
        assertThat(m.channel()).isEqualTo("discord");
        assertThat(m.kind()).isEqualTo(ChatKind.PRIVATE);
        assertThat(m.dedupeId()).isEqualTo("1300000000000000001");
        assertThat(m.chatId()).isEqualTo("1200000000000000001");
        assertThat(m.senderName()).isEqualTo("Ada");
        assertThat(m.mentionsBot()).isTrue();
        assertThat(m.text()).isEqualTo("hello");
    }

    @Test
    void aServerMessageMentionsTheBotOnlyWhenItsMentionsHoldTheBotAndTheMentionLeavesTheText() {
        // Given a server message mentioning the bot, and one that does not
        JsonNode mention = read("""
                {"id":"1300000000000000002","channel_id":"1200000000000000002","guild_id":"1000000000000000001",
                 "type":0,"content":"<@1170000000000000001> what is Kafka? <@!1170000000000000001>",
                 "author":{"id":"1100000000000000002","username":"bob"},"mentions":[{"id":"1170000000000000001"}]}""");
        JsonNode other = read(
                """
                        {"id":"1300000000000000003","channel_id":"1200000000000000002","guild_id":"1000000000000000001",
                         "type":0,"content":"chatting","author":{"id":"1100000000000000002","username":"bob"},"mentions":[]}""");

        // When they are normalised; Then the mention is addressed to the bot, without the mention in its text
        InboundMessage m = GatewayMessageNormaliser.normalise(mention, BOT).orElseThrow();
        assertThat(m.kind()).isEqualTo(ChatKind.GROUP);
        assertThat(m.mentionsBot()).isTrue();
        assertThat(m.text()).isEqualTo("what is Kafka?");
        assertThat(m.senderName()).isEqualTo("bob");
        // And the other is a group message not addressed to the bot (the group gate drops it)
        assertThat(GatewayMessageNormaliser.normalise(other, BOT).orElseThrow().mentionsBot()).isFalse();
    }

    @Test
    void messagesOfBotsOfOurselvesOfWebhooksAndOfOtherTypesAreDropped() {
        assertThat(GatewayMessageNormaliser.normalise(read("""
                {"id":"1","channel_id":"2","type":0,"content":"x","author":{"id":"3","bot":true}}"""), BOT)).isEmpty();
        assertThat(GatewayMessageNormaliser.normalise(read("""
                {"id":"1","channel_id":"2","type":0,"content":"x","author":{"id":"1170000000000000001"}}"""), BOT))
                .isEmpty();
        assertThat(GatewayMessageNormaliser.normalise(read("""
                {"id":"1","channel_id":"2","type":0,"content":"x","webhook_id":"9","author":{"id":"3"}}"""), BOT))
                .isEmpty();
        assertThat(GatewayMessageNormaliser.normalise(read("""
                {"id":"1","channel_id":"2","type":7,"content":"","author":{"id":"3"}}"""), BOT)).isEmpty();
        assertThat(GatewayMessageNormaliser.normalise(read("""
                {"id":"1/../x","channel_id":"2","type":0,"content":"x","author":{"id":"3"}}"""), BOT)).isEmpty();
    }

    @Test
    void aReplyToTheBotsMessageInAServerIsAddressedToTheBot() {
        JsonNode d = read("""
                {"id":"1300000000000000004","channel_id":"1200000000000000002","guild_id":"1000000000000000001",
                 "type":19,"content":"and then?","author":{"id":"1100000000000000002","username":"bob"},
                 "mentions":[],"message_reference":{"message_id":"1300000000000000000"},
                 "referenced_message":{"id":"1300000000000000000","author":{"id":"1170000000000000001"}}}""");
        InboundMessage m = GatewayMessageNormaliser.normalise(d, BOT).orElseThrow();
        assertThat(m.mentionsBot()).isTrue();
        assertThat(m.replyToMessageId()).isEqualTo("1300000000000000000");
        assertThat(m.replyToSenderId()).isEqualTo(BOT);
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
