package ai.aleff.ingress.connection;

/** What a platform WebSocket ({@link PlatformSocket}) delivered to its connection's loop, tagged with the socket it came from. */
public sealed interface SocketFrame {

    PlatformSocket session();

    /** A complete text message (an envelope). */
    record Text(PlatformSocket session, String text) implements SocketFrame {
    }

    /** The socket is gone: a close frame ({@code code} >= 1000) or an abrupt end ({@code code} -1, {@code why}). */
    record Closed(PlatformSocket session, int code, String why) implements SocketFrame {
    }
}
