package ai.aleff.ingress.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aleff.contracts.events.MessageReceived.ChannelDetails;
import ai.aleff.contracts.events.MessageReceived.ChatKind;
import ai.aleff.contracts.events.MessageReceived.Media;
import ai.aleff.ingress.channel.InboundMessage;
import ai.aleff.ingress.channel.InboundMessage.MediaRef;

class ChannelDetailsOfTest {

    @Test
    void aGroupMessageCarriesItsDetailsButNoFileId() {
        // Given a group message in a forum topic, replying, mentioning the bot, with a photo and a sizeless sticker
        InboundMessage message = new InboundMessage("telegram", "1", "2", "42", "Ada\u0000 Lovelace", false, "-100",
                "17", InboundMessage.ChatKind.GROUP, "look", "9", "777", true, false,
                List.of(new MediaRef("photo", "AgAD-secret-file-id", "image/jpeg", 120_000),
                        new MediaRef("sticker", "CAAD-file", null, 0)));

        // When its details are taken
        ChannelDetails details = ChannelDetailsOf.of(message);

        // Then everything the assistant may use is there, and no platform file id
        assertThat(details.senderName()).isEqualTo("Ada  Lovelace");
        assertThat(details.chatKind()).isEqualTo(ChatKind.GROUP);
        assertThat(details.topicId()).isEqualTo("17");
        assertThat(details.replyToMessageId()).isEqualTo("9");
        assertThat(details.botMentioned()).isTrue();
        assertThat(details.media()).containsExactly(new Media("photo", "image/jpeg", 120_000L),
                new Media("sticker", null, null));
        assertThat(details.toString()).doesNotContain("AgAD-secret-file-id", "CAAD-file");
    }

    @Test
    void aLongNameIsCutToTheContractsLimit() {
        assertThat(ChannelDetailsOf.name("n".repeat(500))).hasSize(ChannelDetailsOf.MAX_NAME);
        assertThat(ChannelDetailsOf.name(null)).isEmpty();
    }
}
