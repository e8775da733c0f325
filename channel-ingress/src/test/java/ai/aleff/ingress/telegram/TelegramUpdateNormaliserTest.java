package ai.aleff.ingress.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aleff.ingress.channel.InboundMessage;
import ai.aleff.ingress.channel.InboundMessage.ChatKind;
import ai.aleff.ingress.channel.InboundMessage.MediaRef;
import ai.aleff.ingress.telegram.TelegramUpdateNormaliser.MalformedUpdateException;

/** Payloads shaped as in https://core.telegram.org/bots/api (Update, Message, MessageEntity, PhotoSize, Voice). */
class TelegramUpdateNormaliserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TelegramUpdateNormaliser NORMALISER = new TelegramUpdateNormaliser("AleffBot", "777",
            20L * 1024 * 1024);

    private static Optional<InboundMessage> normalise(String json) throws Exception {
        JsonNode update = JSON.readTree(json);
        return NORMALISER.normalise(update);
    }

    @Test
    void aPrivateTextMessageBecomesAPrivateMessageOfItsSender() throws Exception {
        // Given the Bot API's example update; When normalised
        InboundMessage m = normalise("""
                {"update_id":10000,"message":{"message_id":1365,"from":{"id":1111111,"is_bot":false,
                "first_name":"Ada","last_name":"L","username":"ada"},"chat":{"id":1111111,"type":"private",
                "first_name":"Ada"},"date":1441645532,"text":"hi"}}""").orElseThrow();

        // Then every field is taken from it
        assertThat(m.channel()).isEqualTo("telegram");
        assertThat(m.dedupeId()).isEqualTo("10000");
        assertThat(m.messageId()).isEqualTo("1365");
        assertThat(m.senderId()).isEqualTo("1111111");
        assertThat(m.senderName()).isEqualTo("Ada L");
        assertThat(m.senderIsBot()).isFalse();
        assertThat(m.chatId()).isEqualTo("1111111");
        assertThat(m.kind()).isEqualTo(ChatKind.PRIVATE);
        assertThat(m.text()).isEqualTo("hi");
        assertThat(m.threadId()).isNull();
        assertThat(m.edited()).isFalse();
        assertThat(m.mentionsBot()).isFalse();
    }

    @Test
    void aMentionOfOurUsernameInAGroupCountsAndAnotherBotsDoesNot() throws Exception {
        // Given a supergroup message mentioning us after an emoji (offsets are UTF-16 units) and another mentioning
        // someone else
        String ours = """
                {"update_id":2,"message":{"message_id":5,"from":{"id":42,"is_bot":false,"first_name":"B"},
                "chat":{"id":-1001234567890,"type":"supergroup","title":"Team"},"date":1,
                "text":"\\ud83d\\ude00 @aleffbot what's up?","entities":[{"type":"mention","offset":3,"length":9}]}}""";
        String theirs = ours.replace("@aleffbot", "@otherbot");

        // When normalised; Then only the first mentions us (usernames are case-insensitive)
        InboundMessage m = normalise(ours).orElseThrow();
        assertThat(m.kind()).isEqualTo(ChatKind.GROUP);
        assertThat(m.chatId()).isEqualTo("-1001234567890");
        assertThat(m.mentionsBot()).isTrue();
        assertThat(normalise(theirs).orElseThrow().mentionsBot()).isFalse();
    }

    @Test
    void aTextMentionOfOurIdAndACommandAddressedToUsCount() throws Exception {
        // Given a text_mention of our bot id, and a /help@AleffBot command
        String textMention = """
                {"update_id":3,"message":{"message_id":6,"from":{"id":42,"is_bot":false,"first_name":"B"},
                "chat":{"id":-5,"type":"group"},"date":1,"text":"Aleff help","entities":[{"type":"text_mention",
                "offset":0,"length":5,"user":{"id":777,"is_bot":true,"first_name":"Aleff"}}]}}""";
        String command = """
                {"update_id":4,"message":{"message_id":7,"from":{"id":42,"is_bot":false,"first_name":"B"},
                "chat":{"id":-5,"type":"group"},"date":1,"text":"/help@AleffBot","entities":[{"type":"bot_command",
                "offset":0,"length":14}]}}""";

        // When normalised; Then both mention us
        assertThat(normalise(textMention).orElseThrow().mentionsBot()).isTrue();
        assertThat(normalise(command).orElseThrow().mentionsBot()).isTrue();
    }

    @Test
    void aForumTopicMessageReplyingToOurMessageKeepsItsTopicAndReplyTo() throws Exception {
        // Given a message in forum topic 55 replying to the bot's message 9
        InboundMessage m = normalise("""
                {"update_id":5,"message":{"message_id":10,"message_thread_id":55,"is_topic_message":true,
                "from":{"id":42,"is_bot":false,"first_name":"B"},"chat":{"id":-1009,"type":"supergroup",
                "is_forum":true},"date":1,"text":"thanks","reply_to_message":{"message_id":9,
                "from":{"id":777,"is_bot":true,"first_name":"Aleff"},"chat":{"id":-1009,"type":"supergroup"},
                "date":1,"text":"answer"}}}""").orElseThrow();

        // Then the topic and the reply are kept
        assertThat(m.threadId()).isEqualTo("55");
        assertThat(m.replyToMessageId()).isEqualTo("9");
        assertThat(m.replyToSenderId()).isEqualTo("777");
    }

    @Test
    void aReplyThreadOfAPlainSupergroupIsNoTopic() throws Exception {
        // Given a message_thread_id without is_topic_message (a reply thread of a supergroup that is no forum)
        InboundMessage m = normalise("""
                {"update_id":6,"message":{"message_id":11,"message_thread_id":3,"from":{"id":42,"is_bot":false,
                "first_name":"B"},"chat":{"id":-1009,"type":"supergroup"},"date":1,"text":"x"}}""").orElseThrow();

        // Then the conversation is the whole chat
        assertThat(m.threadId()).isNull();
    }

    @Test
    void aCaptionedPhotoKeepsTheLargestSizeThatFitsAndItsCaptionMention() throws Exception {
        // Given a photo in three sizes with a caption mentioning us
        InboundMessage m = normalise("""
                {"update_id":7,"message":{"message_id":12,"from":{"id":42,"is_bot":false,"first_name":"B"},
                "chat":{"id":-5,"type":"group"},"date":1,"photo":[
                {"file_id":"small","file_unique_id":"s","width":90,"height":90,"file_size":1200},
                {"file_id":"medium","file_unique_id":"m","width":320,"height":320,"file_size":20000},
                {"file_id":"large","file_unique_id":"l","width":1280,"height":1280,"file_size":99000000}],
                "caption":"@AleffBot look","caption_entities":[{"type":"mention","offset":0,"length":9}]}}""")
                .orElseThrow();

        // Then the medium size is referenced, the caption is the text, and the mention counts
        assertThat(m.media()).containsExactly(new MediaRef("photo", "medium", "image/jpeg", 20000));
        assertThat(m.text()).isEqualTo("@AleffBot look");
        assertThat(m.mentionsBot()).isTrue();
    }

    @Test
    void aVoiceNoteIsMediaAndAnOversizedDocumentKeepsNoFileId() throws Exception {
        // Given a voice note and a 30 MB document
        InboundMessage voice = normalise("""
                {"update_id":8,"message":{"message_id":13,"from":{"id":42,"is_bot":false,"first_name":"B"},
                "chat":{"id":42,"type":"private"},"date":1,"voice":{"file_id":"v1","file_unique_id":"u",
                "duration":3,"mime_type":"audio/ogg","file_size":5120}}}""").orElseThrow();
        InboundMessage document = normalise("""
                {"update_id":9,"message":{"message_id":14,"from":{"id":42,"is_bot":false,"first_name":"B"},
                "chat":{"id":42,"type":"private"},"date":1,"document":{"file_id":"d1","file_unique_id":"u",
                "file_name":"big.pdf","mime_type":"application/pdf","file_size":31457280}}}""").orElseThrow();

        // Then the voice note is fetchable and the document is noted as too large
        assertThat(voice.media()).containsExactly(new MediaRef("voice", "v1", "audio/ogg", 5120));
        assertThat(voice.text()).isEmpty();
        assertThat(document.media()).containsExactly(new MediaRef("document", null, "application/pdf", 31457280));
    }

    @Test
    void anEditIsMarkedAndABotSenderIsMarked() throws Exception {
        // Given an edited message, and a message of another bot
        InboundMessage edit = normalise("""
                {"update_id":10,"edited_message":{"message_id":15,"from":{"id":42,"is_bot":false,"first_name":"B"},
                "chat":{"id":42,"type":"private"},"date":1,"edit_date":2,"text":"fixed"}}""").orElseThrow();
        InboundMessage bot = normalise("""
                {"update_id":11,"message":{"message_id":16,"from":{"id":555,"is_bot":true,"first_name":"Other"},
                "chat":{"id":-5,"type":"group"},"date":1,"text":"@AleffBot ping"}}""").orElseThrow();

        // Then the normaliser says so (the gate and the intake ignore them)
        assertThat(edit.edited()).isTrue();
        assertThat(edit.text()).isEqualTo("fixed");
        assertThat(bot.senderIsBot()).isTrue();
    }

    @Test
    void updatesThatAreNoMessagesAndChannelPostsAreIgnored() throws Exception {
        // Given a callback query, a channel post and a message in a channel chat; When normalised; Then none is one
        assertThat(normalise("""
                {"update_id":12,"callback_query":{"id":"1","from":{"id":42,"is_bot":false,"first_name":"B"},
                "chat_instance":"x","data":"y"}}""")).isEmpty();
        assertThat(normalise("""
                {"update_id":13,"channel_post":{"message_id":1,"chat":{"id":-100,"type":"channel"},"date":1,
                "text":"news"}}""")).isEmpty();
        assertThat(normalise("""
                {"update_id":14,"message":{"message_id":1,"from":{"id":42,"is_bot":false,"first_name":"B"},
                "chat":{"id":-100,"type":"channel"},"date":1,"text":"x"}}""")).isEmpty();
    }

    @Test
    void anUpdateWithoutAnIntegerUpdateIdIsMalformed() {
        // Given hostile shapes; When normalised; Then each is refused as malformed
        for (String hostile : new String[]{"[]", "\"x\"", "{}", "{\"update_id\":\"1\"}", "{\"update_id\":1.5}",
                "{\"update_id\":null}"}) {
            assertThatThrownBy(() -> normalise(hostile)).as(hostile).isInstanceOf(MalformedUpdateException.class);
        }
    }

    @Test
    void aMentionEntityOutsideTheTextIsIgnoredNotAnError() throws Exception {
        // Given an entity whose offset and length run past the text
        InboundMessage m = normalise("""
                {"update_id":15,"message":{"message_id":1,"from":{"id":42,"is_bot":false,"first_name":"B"},
                "chat":{"id":-5,"type":"group"},"date":1,"text":"hi","entities":[{"type":"mention","offset":1,
                "length":900}]}}""").orElseThrow();

        // Then it is no mention
        assertThat(m.mentionsBot()).isFalse();
    }
}
