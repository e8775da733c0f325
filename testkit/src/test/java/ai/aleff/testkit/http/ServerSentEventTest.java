package ai.aleff.testkit.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerSentEventTest {

    @Test
    void parsesCompleteEventsAndLeavesOutCommentsAndTheBlockStillArriving() {
        // Given a stream with a keep-alive, two reply events (one with a space after the colons, one split over two
        // data lines, CRLF) and half of a third
        String stream = ":keep-alive\n\nid:1\nevent:reply\ndata:{\"a\":1}\n\n"
                + "id: 2\r\nevent: reply\r\ndata: line one\r\ndata: line two\r\n\r\n" + "id:3\nevent:reply\ndata:{\"a";

        // When / Then
        assertThat(ServerSentEvent.named(stream, "reply")).containsExactly(
                new ServerSentEvent("1", "reply", "{\"a\":1}"),
                new ServerSentEvent("2", "reply", "line one\nline two"));
        assertThat(ServerSentEvent.named(stream, "message")).isEmpty();
    }

    @Test
    void anEventWithoutANameIsAMessage() {
        assertThat(ServerSentEvent.parse("data:x\n\n")).containsExactly(new ServerSentEvent(null, "message", "x"));
    }
}
