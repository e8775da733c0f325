package ai.aleff.tenant.discord;

/** Discord answered 429; {@code retry_after} (or {@code Retry-After}) said how many seconds to wait. */
public class DiscordRateLimitedException extends RuntimeException {

    private final long retryAfterSeconds;

    public DiscordRateLimitedException(long retryAfterSeconds) {
        super("Discord rate-limited the call");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
