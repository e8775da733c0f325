package ai.aleff.tools.service;

/** An expected tool failure whose short message is safe and useful to tell the model. */
public class ToolException extends RuntimeException {

    public ToolException(String message) {
        super(message);
    }

    /** Quotes caller-supplied text in an error message without letting it grow unbounded. */
    public static String quote(String text) {
        String shown = text.length() > 64 ? text.substring(0, 64) + "..." : text;
        return "'" + shown + "'";
    }
}
