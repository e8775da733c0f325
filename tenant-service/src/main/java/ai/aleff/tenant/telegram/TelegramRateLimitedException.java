package ai.aleff.tenant.telegram;

/** Telegram answered 429: retry after {@code retryAfterSeconds} (its {@code parameters.retry_after}). */
public class TelegramRateLimitedException extends RuntimeException {

    private final long retryAfterSeconds;

    public TelegramRateLimitedException(String method, long retryAfterSeconds) {
        super("Telegram rate-limited " + method + " for " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
