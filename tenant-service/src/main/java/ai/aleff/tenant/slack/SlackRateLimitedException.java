package ai.aleff.tenant.slack;

/** Slack answered 429; {@code Retry-After} said how many seconds to wait. */
public class SlackRateLimitedException extends RuntimeException {

    private final long retryAfterSeconds;

    public SlackRateLimitedException(String method, long retryAfterSeconds) {
        super("Slack rate-limited " + method);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
