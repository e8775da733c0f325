package ai.aleff.agent.session;

import java.util.Locale;
import java.util.Optional;

/**
 * Commands the worker answers itself, without a model call, on every channel. A message is a command only when it
 * is exactly the command word (case-insensitive, surrounding blanks ignored): "/resetting" or "/reset please" are
 * ordinary messages.
 */
public enum SessionCommand {
    /** Starts a new session: earlier history stays stored but is no longer sent to the model. */
    RESET("/reset", "session.reset"),
    /** Shows the model chain, the session's turns, tokens and estimated cost, and the history size. */
    STATUS("/status", "session.status"),
    /** Lists the commands. */
    HELP("/help", "session.help");

    private final String word;
    private final String auditAction;

    SessionCommand(String word, String auditAction) {
        this.word = word;
        this.auditAction = auditAction;
    }

    public String word() {
        return word;
    }

    /** The audit action recorded when the command is answered. */
    public String auditAction() {
        return auditAction;
    }

    public static Optional<SessionCommand> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String candidate = text.strip().toLowerCase(Locale.ROOT);
        for (SessionCommand command : values()) {
            if (command.word.equals(candidate)) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }

    public static boolean isCommand(String text) {
        return parse(text).isPresent();
    }
}
