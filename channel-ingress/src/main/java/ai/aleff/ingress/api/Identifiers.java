package ai.aleff.ingress.api;

/** Shapes of the identifiers callers choose; anything else is refused before it reaches Kafka or a log line. */
public final class Identifiers {

    /** conversationId and userId: 1..128 of letters, digits and {@code . _ : @ -}. */
    public static final String ID_PATTERN = "[A-Za-z0-9._:@-]{1,128}";
    public static final String ID_MESSAGE = "must be 1 to 128 characters of A-Z, a-z, 0-9 and . _ : @ -";
    /** clientMessageId: 1..128 printable ASCII characters. */
    public static final String CLIENT_MESSAGE_ID_PATTERN = "[\\x20-\\x7E]{1,128}";
    public static final String CLIENT_MESSAGE_ID_MESSAGE = "must be 1 to 128 printable ASCII characters";

    private Identifiers() {
    }
}
