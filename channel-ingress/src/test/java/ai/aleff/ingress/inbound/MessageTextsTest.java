package ai.aleff.ingress.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.ingress.channel.InboundMessage;
import ai.aleff.ingress.channel.InboundMessage.ChatKind;
import ai.aleff.ingress.channel.InboundMessage.MediaRef;

class MessageTextsTest {

    private static InboundMessage message(String text, List<MediaRef> media) {
        return new InboundMessage("telegram", "1", "2", "42", "Ada", false, "42", null, ChatKind.PRIVATE, text, null,
                null, false, false, media);
    }

    @Test
    void attachmentsAreNotedBeforeTheCaption() {
        // Given a captioned photo, a voice note alone and a document too large to fetch
        String photo = MessageTexts.of(message("look", List.of(new MediaRef("photo", "f", "image/jpeg", 1))));
        String voice = MessageTexts.of(message("", List.of(new MediaRef("voice", "v", "audio/ogg", 1))));
        String big = MessageTexts.of(message(null, List.of(new MediaRef("document", null, "application/pdf", 9))));

        // Then each says what it carries
        assertThat(photo).isEqualTo("[photo] look");
        assertThat(voice).isEqualTo("[voice note]");
        assertThat(big).isEqualTo("[document, too large]");
    }

    @Test
    void aTextOverTheEventsLimitIsCutWithoutSplittingASurrogatePair() {
        // Given a text whose limit falls in the middle of an emoji
        String text = "a".repeat(MessageReceived.MAX_TEXT_LENGTH - 1) + "\ud83d\ude00tail";

        // When made the event's text; Then it ends before the emoji, within the limit
        String cut = MessageTexts.of(message(text, List.of()));
        assertThat(cut).hasSize(MessageReceived.MAX_TEXT_LENGTH - 1).doesNotContain("\ud83d");
    }
}
