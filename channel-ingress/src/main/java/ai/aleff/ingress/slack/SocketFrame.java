package ai.aleff.ingress.slack;

/** What a Socket Mode WebSocket delivered to its connection's loop, tagged with the socket it came from. */
sealed interface SocketFrame {

    SlackSocketSession session();

    /** A complete text message (an envelope). */
    record Text(SlackSocketSession session, String text) implements SocketFrame {
    }

    /** The socket is gone: a close frame ({@code code} >= 1000) or an abrupt end ({@code code} -1, {@code why}). */
    record Closed(SlackSocketSession session, int code, String why) implements SocketFrame {
    }
}
