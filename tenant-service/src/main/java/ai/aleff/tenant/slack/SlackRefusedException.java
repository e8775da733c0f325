package ai.aleff.tenant.slack;

/** Slack answered {@code "ok": false}: the token is wrong, revoked or lacks a scope. {@code error} is Slack's code. */
public class SlackRefusedException extends RuntimeException {

    /** The method that checks an app-level token: its refusals are about that token, not the bot token. */
    public static final String CONNECTIONS_OPEN = "apps.connections.open";

    private final String method;
    private final String error;

    public SlackRefusedException(String method, String error) {
        super("Slack refused " + method + ": " + error);
        this.method = method;
        this.error = error;
    }

    public String method() {
        return method;
    }

    public String error() {
        return error;
    }
}
