package ai.aleff.tenant.slack;

/** No usable answer from Slack's Web API (transport failure, 5xx, a body that is not Slack's). */
public class SlackUnreachableException extends RuntimeException {

    public SlackUnreachableException(String method, String what) {
        super("Slack " + method + ": " + what);
    }
}
