package ai.aleff.ingress.voice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.aleff.contracts.events.MessageReceived;
import ai.aleff.ingress.channel.InboundMessage;
import ai.aleff.ingress.channel.InboundMessage.ChatKind;
import ai.aleff.ingress.channel.InboundMessage.MediaRef;

class VoiceNoteRulesTest {

    @Test
    void aDownloadOverTheLimitFailsAsSoonAsOneByteMoreArrives() throws Exception {
        // Given a stream of 1001 bytes and one of exactly 1000
        byte[] over = new byte[1001];
        byte[] exact = new byte[1000];

        // When read with a limit of 1000; Then the larger is refused, the other read whole
        assertThatThrownBy(() -> Audio.readAtMost(new ByteArrayInputStream(over), 1000))
                .isInstanceOf(AudioTooLargeException.class);
        assertThat(Audio.readAtMost(new ByteArrayInputStream(exact), 1000)).hasSize(1000);
        assertThat(Audio.readAtMost(new ByteArrayInputStream(new byte[0]), 1000)).isEmpty();
    }

    @Test
    void aLargeAllowedDownloadIsReadCompletely() throws Exception {
        byte[] big = new byte[300_000];
        big[299_999] = 7;
        assertThat(Audio.readAtMost(new ByteArrayInputStream(big), 10_485_760)).isEqualTo(big);
    }

    @Test
    void theFileNameCarriesAnExtensionTheEndpointRecognises() {
        assertThat(new Audio(new byte[0], "audio/ogg; codecs=opus").fileName()).isEqualTo("voice.ogg");
        assertThat(new Audio(new byte[0], "audio/mpeg").fileName()).isEqualTo("voice.mp3");
        assertThat(new Audio(new byte[0], "audio/mp4").fileName()).isEqualTo("voice.m4a");
        assertThat(new Audio(new byte[0], null).fileName()).isEqualTo("voice.ogg");
    }

    @Test
    void backoffDoublesFromTheFirstWaitUpToTheMaximum() {
        Duration first = Duration.ofSeconds(2);
        Duration max = Duration.ofSeconds(30);
        assertThat(List.of(1, 2, 3, 4, 5, 9).stream().map(n -> VoiceBackoff.after(n, first, max)).toList())
                .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                        Duration.ofSeconds(16), Duration.ofSeconds(30), Duration.ofSeconds(30));
    }

    @Test
    void multipartCarriesEachFieldAndTheFileBytesUnchanged() {
        // Given a model field and a binary file
        byte[] audio = {0, (byte) 0xff, 13, 10, 45, 45};
        Multipart body = new Multipart().field("model", "whisper-1").file("file", "voice.ogg", "audio/ogg", audio);

        // When serialised
        byte[] bytes = body.bytes();
        String boundary = body.contentType().replaceFirst("^multipart/form-data; boundary=", "");
        String text = new String(bytes, StandardCharsets.ISO_8859_1);

        // Then both parts are there between boundaries, the file's bytes untouched, and the body is closed
        assertThat(text).contains("--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n"
                + "whisper-1\r\n");
        assertThat(text).contains("name=\"file\"; filename=\"voice.ogg\"\r\nContent-Type: audio/ogg\r\n\r\n"
                + new String(audio, StandardCharsets.ISO_8859_1) + "\r\n");
        assertThat(text).endsWith("--" + boundary + "--\r\n");
    }

    @Test
    void telegramFilePathsAndWhatsAppMediaUrlsThatCouldRedirectTheTokenAreRefused() {
        assertThat(AudioFetcher.filePath("voice/file_12.oga")).isTrue();
        assertThat(AudioFetcher.filePath("../bot/getMe")).isFalse();
        assertThat(AudioFetcher.filePath("/etc/passwd")).isFalse();
        assertThat(AudioFetcher.filePath("voice/x?y=1")).isFalse();
        assertThat(AudioFetcher.mediaUrl("https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1"))
                .hasHost("lookaside.fbsbx.com");
        for (String bad : new String[]{null, "javascript:alert(1)", "file:///etc/passwd", "https://u:p@evil/x",
                "not a url"}) {
            assertThatThrownBy(() -> AudioFetcher.mediaUrl(bad)).isInstanceOf(VoiceFailure.class);
        }
    }

    @Test
    void theTranscriptFollowsTheCaptionAndIsCutToTheEventsLimit() {
        assertThat(VoiceNoteWorker.text("hello", "")).isEqualTo("hello");
        assertThat(VoiceNoteWorker.text("hello", "Song title")).isEqualTo("Song title\n\nhello");
        assertThat(VoiceNoteWorker.text("x".repeat(20_000), null)).hasSize(MessageReceived.MAX_TEXT_LENGTH);
        String surrogateAtCut = "x".repeat(MessageReceived.MAX_TEXT_LENGTH - 1) + "\uD83D\uDE00";
        assertThat(VoiceNoteWorker.text(surrogateAtCut, null)).hasSize(MessageReceived.MAX_TEXT_LENGTH - 1);
    }

    @Test
    void voiceAndAudioAttachmentsAreVoiceNotesPhotosAreNot() {
        assertThat(VoiceNoteIntake.voiceOf(message(new MediaRef("voice", "f", "audio/ogg", 10)))).isPresent();
        assertThat(VoiceNoteIntake.voiceOf(message(new MediaRef("audio", "f", "audio/mpeg", 10)))).isPresent();
        assertThat(VoiceNoteIntake.voiceOf(message(new MediaRef("photo", "f", "image/jpeg", 10)))).isEmpty();
    }

    @Test
    void repliesToOneVoiceNoteHaveOneIdPerReason() {
        assertThat(VoiceReplies.replyId("m-1", VoiceReplies.Reason.NOT_ENABLED))
                .isEqualTo(VoiceReplies.replyId("m-1", VoiceReplies.Reason.NOT_ENABLED))
                .isNotEqualTo(VoiceReplies.replyId("m-2", VoiceReplies.Reason.NOT_ENABLED))
                .isNotEqualTo(VoiceReplies.replyId("m-1", VoiceReplies.Reason.FAILED));
    }

    private static InboundMessage message(MediaRef media) {
        return new InboundMessage("telegram", "1", "2", "3", "Ada", false, "3", null, ChatKind.PRIVATE, "", null, null,
                false, false, List.of(media));
    }
}
