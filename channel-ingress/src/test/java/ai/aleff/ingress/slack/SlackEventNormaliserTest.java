package ai.aleff.ingress.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.aleff.ingress.channel.ChannelConversations;
import ai.aleff.ingress.channel.InboundMessage;
import ai.aleff.ingress.channel.InboundMessage.ChatKind;
import ai.aleff.ingress.slack.SlackEventNormaliser.MalformedEventException;

class SlackEventNormaliserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOT = "UBOT00001";

    @Test
    void aDirectMessageIsAPrivateMessageDedupedOnItsEventId() throws Exception {
        // Given Slack's example message event in a DM
        JsonNode payload = JSON.readTree("""
                {"type":"event_callback","team_id":"T123ABC456","api_app_id":"A123ABC456","event":{
                "type":"message","channel":"D123ABC456","channel_type":"im","user":"U123ABC456","text":"a &lt; b",
                "ts":"1355517523.000005","event_ts":"1355517523.000005"},"event_id":"Ev123ABC456",
                "event_time":1355517523}""");
        // When it is normalised
        InboundMessage message = SlackEventNormaliser.normalise(payload, BOT).orElseThrow();
        // Then it is private, keyed on event_id, unescaped, one conversation per DM
        assertThat(message.kind()).isEqualTo(ChatKind.PRIVATE);
        assertThat(message.dedupeId()).isEqualTo("Ev123ABC456");
        assertThat(message.text()).isEqualTo("a < b");
        assertThat(message.threadId()).isNull();
        assertThat(ChannelConversations.idFor("conn", message)).isEqualTo("sl:conn:D123ABC456");
        assertThat(ChannelConversations.dedupeKey("conn", message)).isEqualTo("sl:conn:Ev123ABC456");
    }

    @Test
    void aMentionInAChannelIsAnsweredInItsThreadWhichIsTheConversation() throws Exception {
        JsonNode top = JSON.readTree(event("app_mention", "\"text\":\"<@UBOT00001> what is up?\""));
        InboundMessage message = SlackEventNormaliser.normalise(top, BOT).orElseThrow();
        // A top-level mention starts a thread under itself
        assertThat(message.threadId()).isEqualTo("1700000000.000100");
        assertThat(message.mentionsBot()).isTrue();
        assertThat(message.text()).isEqualTo("what is up?");
        // A mention inside a thread stays in that thread
        JsonNode inThread = JSON.readTree(event("app_mention",
                "\"text\":\"<@UBOT00001> more\",\"thread_ts\":\"1699999999.000001\""));
        InboundMessage reply = SlackEventNormaliser.normalise(inThread, BOT).orElseThrow();
        assertThat(ChannelConversations.idFor("conn", reply)).isEqualTo("sl:conn:C0CHANNEL:1699999999.000001");
    }

    @Test
    void botsEditsJoinsAndPlainChannelMessagesAreIgnored() throws Exception {
        for (String extra : new String[]{"\"bot_id\":\"B0001\",\"text\":\"hi\"",
                "\"subtype\":\"message_changed\",\"text\":\"hi\"", "\"subtype\":\"channel_join\",\"text\":\"hi\"",
                "\"subtype\":\"bot_message\",\"text\":\"hi\""}) {
            assertThat(SlackEventNormaliser.normalise(JSON.readTree(event("app_mention", extra)), BOT)).as(extra)
                    .isEmpty();
        }
        // A channel message (not im) arrives as app_mention too when it mentions us: taken once, from that
        assertThat(SlackEventNormaliser.normalise(JSON.readTree(event("message", "\"text\":\"hi\"")), BOT))
                .isEmpty();
        assertThat(SlackEventNormaliser.normalise(JSON.readTree(event("reaction_added", "\"text\":\"hi\"")), BOT))
                .isEmpty();
    }

    @Test
    void hostileShapesAreMalformedNotCrashes() throws Exception {
        for (String payload : new String[]{"[]", "{}", "{\"event_id\":\"Ev1\",\"event\":\"x\"}",
                event("app_mention", "\"text\":\"hi\"").replace("C0CHANNEL", "../../etc"),
                event("app_mention", "\"text\":\"hi\",\"thread_ts\":\"x:y\"")}) {
            assertThatThrownBy(() -> SlackEventNormaliser.normalise(JSON.readTree(payload), BOT)).as(payload)
                    .isInstanceOf(MalformedEventException.class);
        }
    }

    private static String event(String type, String extra) {
        return "{\"type\":\"event_callback\",\"event_id\":\"Ev0001\",\"event\":{\"type\":\"" + type
                + "\",\"channel\":\"C0CHANNEL\",\"channel_type\":\"channel\",\"user\":\"U0USER\","
                + "\"ts\":\"1700000000.000100\"," + extra + "}}";
    }
}
