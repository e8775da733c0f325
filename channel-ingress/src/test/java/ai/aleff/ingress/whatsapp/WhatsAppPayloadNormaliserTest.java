package ai.aleff.ingress.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aleff.ingress.channel.InboundMessage;
import ai.aleff.ingress.channel.InboundMessage.ChatKind;
import ai.aleff.ingress.channel.InboundMessage.MediaRef;
import ai.aleff.ingress.whatsapp.WhatsAppPayloadNormaliser.MalformedPayloadException;

/** Payloads shaped as Meta documents them (webhooks overview, messages and statuses reference). */
class WhatsAppPayloadNormaliserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OUR_NUMBER = "106540352242922";
    private static final WhatsAppPayloadNormaliser NORMALISER = new WhatsAppPayloadNormaliser(OUR_NUMBER);

    /** Meta's documented text message notification. */
    static final String TEXT = """
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[
            {"value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",
            "phone_number_id":"106540352242922"},"contacts":[{"profile":{"name":"Sheena Nelson"},
            "wa_id":"16505551234"}],"messages":[{"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=",
            "timestamp":"1749416383","type":"text","text":{"body":"Does it come in another color?"}}]},
            "field":"messages"}]}]}""";

    private static WhatsAppBatch normalise(String json) throws Exception {
        return NORMALISER.normalise(JSON.readTree(json));
    }

    @Test
    void theDocumentedTextMessageBecomesAPrivateMessageOfItsSender() throws Exception {
        // Given Meta's example; When normalised
        WhatsAppBatch batch = normalise(TEXT);

        // Then it is one message with the sender's name from contacts
        assertThat(batch.messages()).hasSize(1);
        InboundMessage m = batch.messages().get(0);
        assertThat(m.channel()).isEqualTo("whatsapp");
        assertThat(m.dedupeId()).startsWith("wamid.HBgL");
        assertThat(m.messageId()).isEqualTo(m.dedupeId());
        assertThat(m.senderId()).isEqualTo("16505551234");
        assertThat(m.chatId()).isEqualTo("16505551234");
        assertThat(m.senderName()).isEqualTo("Sheena Nelson");
        assertThat(m.kind()).isEqualTo(ChatKind.PRIVATE);
        assertThat(m.text()).isEqualTo("Does it come in another color?");
        assertThat(batch.statuses()).isEmpty();
    }

    @Test
    void aBatchOfTwoEntriesWithMessagesAndAStatusYieldsEveryMessageAndTheStatus() throws Exception {
        // Given two entries: the first with a status and a reply carrying context, the second with a voice note
        WhatsAppBatch batch = normalise("""
                {"object":"whatsapp_business_account","entry":[
                {"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
                 "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
                 "statuses":[{"id":"wamid.OUT1","status":"delivered","timestamp":"1749416400",
                  "recipient_id":"16505551234"}]}},
                 {"field":"messages","value":{"messaging_product":"whatsapp",
                 "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
                 "messages":[{"from":"16505551234","id":"wamid.IN1","timestamp":"1749416401","type":"text",
                  "text":{"body":"yes"},"context":{"from":"15550783881","id":"wamid.OUT1"}}]}}]},
                {"id":"2","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
                 "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
                 "messages":[{"from":"16505550000","id":"wamid.IN2","timestamp":"1749416402","type":"audio",
                  "audio":{"mime_type":"audio/ogg; codecs=opus","sha256":"abc","id":"MEDIA1","voice":true}}]}}]}]}""");

        // Then both messages come out in order, the reply keeps its context, and the status is a status
        assertThat(batch.messages()).extracting(InboundMessage::dedupeId).containsExactly("wamid.IN1", "wamid.IN2");
        assertThat(batch.messages().get(0).replyToMessageId()).isEqualTo("wamid.OUT1");
        assertThat(batch.messages().get(0).replyToSenderId()).isEqualTo("15550783881");
        assertThat(batch.messages().get(1).media())
                .containsExactly(new MediaRef("voice", "MEDIA1", "audio/ogg; codecs=opus", 0));
        assertThat(batch.statuses())
                .containsExactly(new WhatsAppStatus("wamid.OUT1", "delivered", "16505551234", "1749416400", null));
    }

    @Test
    void aFailedStatusKeepsItsErrorCode() throws Exception {
        // Given a failed status with error 131047 (outside the 24-hour window)
        WhatsAppBatch batch = normalise("""
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages",
                "value":{"metadata":{"phone_number_id":"106540352242922"},"statuses":[{"id":"wamid.OUT2",
                "status":"failed","timestamp":"1","recipient_id":"16505551234","errors":[{"code":131047,
                "title":"Re-engagement message"}]}]}}]}]}""");

        // Then the code is kept
        assertThat(batch.statuses().get(0).errorCode()).isEqualTo("131047");
        assertThat(batch.messages()).isEmpty();
    }

    @Test
    void anotherNumbersChangeIsSkipped() throws Exception {
        // Given the documented message addressed to another phone number id
        WhatsAppBatch batch = normalise(TEXT.replace(OUR_NUMBER, "999999999999999"));

        // Then nothing is taken
        assertThat(batch.messages()).isEmpty();
        assertThat(batch.skipped()).isEqualTo(1);
    }

    @Test
    void captionedImagesAndDocumentsAreMediaAndReactionsAreSkipped() throws Exception {
        // Given an image with a caption, a document and a reaction
        WhatsAppBatch batch = normalise("""
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages",
                "value":{"metadata":{"phone_number_id":"106540352242922"},"messages":[
                {"from":"1650","id":"wamid.A","timestamp":"1","type":"image","image":{"caption":"this one",
                 "mime_type":"image/jpeg","sha256":"x","id":"IMG1"}},
                {"from":"1650","id":"wamid.B","timestamp":"1","type":"document","document":{"filename":"a.pdf",
                 "mime_type":"application/pdf","sha256":"y","id":"DOC1"}},
                {"from":"1650","id":"wamid.C","timestamp":"1","type":"reaction","reaction":{"message_id":"wamid.A",
                 "emoji":"\\u2764"}}]}}]}]}""");

        // Then two messages, with their media
        assertThat(batch.messages()).hasSize(2);
        assertThat(batch.messages().get(0).text()).isEqualTo("this one");
        assertThat(batch.messages().get(0).media()).containsExactly(new MediaRef("image", "IMG1", "image/jpeg", 0));
        assertThat(batch.messages().get(1).media()).extracting(MediaRef::kind).containsExactly("document");
        assertThat(batch.skipped()).isEqualTo(1);
    }

    @Test
    void hostileIdsAreSkippedAndANonObjectIsMalformed() throws Exception {
        // Given a sender that is not a number and a wamid with a space
        WhatsAppBatch batch = normalise("""
                {"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages",
                "value":{"metadata":{"phone_number_id":"106540352242922"},"messages":[
                {"from":"../../etc","id":"wamid.A","type":"text","text":{"body":"x"}},
                {"from":"1650","id":"wamid A","type":"text","text":{"body":"x"}},
                {"from":1650,"id":"wamid.B","type":"text","text":{"body":"x"}}]}}]}]}""");

        // Then none is taken; and shapes that are no webhook are refused
        assertThat(batch.messages()).isEmpty();
        assertThat(batch.skipped()).isEqualTo(3);
        for (String hostile : new String[]{"[]", "{}", "{\"entry\":{}}", "null"}) {
            assertThatThrownBy(() -> normalise(hostile)).as(hostile).isInstanceOf(MalformedPayloadException.class);
        }
    }

    @Test
    void anotherObjectTypeYieldsNothing() throws Exception {
        // Given a page webhook on the same URL; Then nothing is a message
        assertThat(normalise("{\"object\":\"page\",\"entry\":[{\"id\":\"1\"}]}").messages()).isEmpty();
    }
}
